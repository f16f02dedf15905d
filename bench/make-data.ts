/**
 * Builds a big, migrated Madang database for the benchmark:
 *   npm run bench:data -- --posts 1000000 --comments 3000000 --out bench/data/1m.db
 *   npm run bench:data -- --posts 1000000 --comments 3000000 --out postgres://USER@HOST:PORT/bench_1m
 *
 * Titles, bodies and comments are varied Korean text (bench/korean-text.ts), indexed for search as they are written.
 * The schema comes from the real migrations; rows are bulk-inserted in batches by the engine's fastest path
 * (bench/bulk-sqlite.ts, bench/bulk-postgres.ts), ids included. Where comments and scraps go is decided first, so every counter the app reads (board and category post
 * counts, comment and scrap counts) is written exact with the rows.
 */
import { parseArgs } from "node:util";
import { redactUrl } from "#db/connection";
import { DEMO_BOARDS, DEMO_REACTIONS } from "#db/demo-data";
import { renderMarkdown } from "~/lib/markdown.server";
import { textOfHtml } from "~/lib/html-text.server";
import { indexedGrams } from "~/lib/search-text";
import { openBulkLoad, type BulkLoad, type SearchIndexRow } from "./bulk-load";
import { KoreanText } from "./korean-text";

const MEMBER_COUNT = 3_000;
const NOTICE_COUNT = 30;
const SQUARE_SHARE = 0.7;
const UNCATEGORIZED_SHARE = 0.1;
const DELETED_SHARE = 0.002;
const REPLY_SHARE = 0.2;
const SCRAPS_PER_THOUSAND_POSTS = 20;
const BATCH = 10_000;
const HISTORY_MS = 5 * 365 * 24 * 60 * 60 * 1000;
const END_AT = Date.UTC(2025, 11, 19, 1, 25);
const BENCH_PASSWORD_HASH = "!bench-no-login";

/** Distinct bodies per topic, rendered once each; titles and comments are all generated one by one. */
const BODIES_PER_TOPIC = 500;

interface Options {
  posts: number;
  comments: number;
  out: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: { posts: { type: "string" }, comments: { type: "string" }, out: { type: "string" } },
  });
  const posts = Number(values.posts ?? 10_000);
  const comments = Number(values.comments ?? posts * 3);
  if (!Number.isSafeInteger(posts) || posts < NOTICE_COUNT || !Number.isSafeInteger(comments) || comments < 0) {
    throw new Error(`--posts must be an integer of at least ${NOTICE_COUNT}, --comments a non-negative integer`);
  }
  if (!values.out) throw new Error("--out FILE or --out postgres://… is required");
  return { posts, comments, out: values.out };
}

/** A small deterministic PRNG, so the same arguments build the same database. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20251219);
const text = new KoreanText(random);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label.padEnd(12)} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Inserts `total` rows made by `rowAt`, one batch (one transaction) at a time; `rowAt` may hand a row's search index
 * entry to `indexed`, and the batch's entries are written after its rows.
 */
async function inBatches(
  load: BulkLoad,
  table: string,
  columns: readonly string[],
  total: number,
  rowAt: (index: number, indexed: SearchIndexRow[]) => unknown[],
) {
  for (let from = 0; from < total; from += BATCH) {
    const rows: unknown[][] = [];
    const indexed: SearchIndexRow[] = [];
    for (let i = from; i < Math.min(total, from + BATCH); i++) rows.push(rowAt(i, indexed));
    await load.insert(table, columns, rows);
    if (indexed.length > 0) await load.insertSearchIndex(table === "posts" ? "posts" : "comments", indexed);
  }
}

interface BoardRow {
  id: number;
  categoryIds: number[];
  isAnonymous: number;
}

async function insertBoards(load: BulkLoad): Promise<BoardRow[]> {
  const boardRows: unknown[][] = [];
  const categoryRows: unknown[][] = [];
  const boards = DEMO_BOARDS.map((board, position) => {
    const id = position + 1;
    const isAnonymous = board.isAnonymous ? 1 : 0;
    boardRows.push([id, board.slug, board.name, board.description, isAnonymous, position, END_AT - HISTORY_MS]);
    // Admin-only categories (events) hold only a sprinkle of posts; ordinary ones share the rest.
    const categoryIds = board.categories
      .filter((c) => !c.adminOnly)
      .map((c, i) => {
        categoryRows.push([categoryRows.length + 1, id, c.slug, c.name, i, 0, c.noticeBadge ?? null]);
        return categoryRows.length;
      });
    board.categories.forEach((c, i) => {
      if (c.adminOnly) categoryRows.push([categoryRows.length + 1, id, c.slug, c.name, i, 1, c.noticeBadge ?? null]);
    });
    return { id, categoryIds, isAnonymous };
  });
  await load.insert(
    "boards",
    ["id", "slug", "name", "description", "is_anonymous", "position", "created_at"],
    boardRows,
  );
  await load.insert(
    "categories",
    ["id", "board_id", "slug", "name", "position", "admin_only", "notice_badge"],
    categoryRows,
  );
  return boards;
}

interface Users {
  adminId: number;
  firstMemberId: number;
}

async function insertUsers(load: BulkLoad): Promise<Users> {
  const columns = ["id", "username", "password_hash", "role", "created_at"];
  const adminId = 1;
  const firstMemberId = 2;
  await load.insert("users", columns, [[adminId, "bench_admin", BENCH_PASSWORD_HASH, "admin", END_AT - HISTORY_MS]]);
  await inBatches(load, "users", columns, MEMBER_COUNT, (i) => [
    firstMemberId + i,
    `member${String(i).padStart(5, "0")}`,
    BENCH_PASSWORD_HASH,
    "member",
    END_AT - HISTORY_MS + i * 60_000,
  ]);
  return { adminId, firstMemberId };
}

interface Plan {
  /** For each comment, in id order, the post it belongs to. */
  commentPostIds: Int32Array;
  commentCounts: Int32Array;
  scraps: Array<[userId: number, postId: number]>;
  scrapCounts: Int32Array;
}

/** Decides where comments and scraps go before any post is written, so each post is inserted with exact counters. */
function planComments(options: Options, firstMemberId: number): Plan {
  const commentPostIds = new Int32Array(options.comments);
  const commentCounts = new Int32Array(options.posts + 1);
  for (let i = 0; i < options.comments; i++) {
    // Newer posts draw more comments: the product of two uniform numbers leans towards high ids.
    const postId = options.posts - Math.floor(random() * random() * options.posts);
    commentPostIds[i] = postId;
    commentCounts[postId]++;
  }
  const scrapCounts = new Int32Array(options.posts + 1);
  const seen = new Set<number>();
  const scraps: Array<[number, number]> = [];
  const wanted = Math.ceil((options.posts / 1000) * SCRAPS_PER_THOUSAND_POSTS);
  while (scraps.length < wanted) {
    const member = between(0, MEMBER_COUNT - 1);
    const postId = between(1, options.posts);
    const key = postId * MEMBER_COUNT + member;
    if (seen.has(key)) continue;
    seen.add(key);
    scraps.push([firstMemberId + member, postId]);
    scrapCounts[postId]++;
  }
  return { commentPostIds, commentCounts, scraps, scrapCounts };
}

function postCreatedAt(options: Options, postId: number): number {
  return Math.round(END_AT - HISTORY_MS + ((postId - 1) * HISTORY_MS) / options.posts);
}

async function insertPosts(load: BulkLoad, options: Options, boards: BoardRow[], users: Users, plan: Plan) {
  const bodies = Array.from({ length: text.topicCount }, (_, topic) =>
    Array.from({ length: BODIES_PER_TOPIC }, () => {
      const md = text.body(topic);
      const html = renderMarkdown(md);
      return { md, html, grams: indexedGrams(textOfHtml(html)) };
    }),
  );
  const columns = [
    "id",
    "board_id",
    "category_id",
    "author_id",
    "title",
    "body_md",
    "body_html",
    "is_anonymous",
    "view_count",
    "comment_count",
    "scrap_count",
    "notice_scope",
    "notice_order",
    "created_at",
    "updated_at",
    "deleted_at",
  ];
  const square = boards[0];
  const others = boards.slice(1);
  const livePostsOfBoard = new Map<number, number>();
  const livePostsOfCategory = new Map<number, number>();
  // Each post's 익명 flag and topic, for its comments, which are written under the same board setting.
  const anonymousPosts = new Uint8Array(options.posts + 1);
  const topics = new Uint8Array(options.posts + 1);
  // Notices are spread through the history, as on the source board where announcements stay pinned for years.
  const noticeEvery = Math.floor(options.posts / NOTICE_COUNT);
  await inBatches(load, "posts", columns, options.posts, (i, indexed) => {
    const id = i + 1;
    const noticeNumber = i % noticeEvery === 0 ? i / noticeEvery : NOTICE_COUNT;
    const isNotice = noticeNumber < NOTICE_COUNT;
    const board = random() < SQUARE_SHARE || others.length === 0 ? square : pick(others);
    const categoryId = random() < UNCATEGORIZED_SHARE ? null : pick(board.categoryIds);
    const topic = text.topic();
    const body = pick(bodies[topic]);
    const title = isNotice ? `[공지] 게시판 이용 안내 ${noticeNumber + 1}` : text.title(topic);
    const createdAt = postCreatedAt(options, id);
    const deleted = !isNotice && random() < DELETED_SHARE;
    anonymousPosts[id] = board.isAnonymous;
    topics[id] = topic;
    if (!deleted) indexed.push({ id, titleGrams: indexedGrams(title), bodyGrams: body.grams });
    if (!deleted) {
      livePostsOfBoard.set(board.id, (livePostsOfBoard.get(board.id) ?? 0) + 1);
      if (categoryId !== null) livePostsOfCategory.set(categoryId, (livePostsOfCategory.get(categoryId) ?? 0) + 1);
    }
    return [
      id,
      board.id,
      categoryId,
      isNotice ? users.adminId : users.firstMemberId + between(0, MEMBER_COUNT - 1),
      title,
      body.md,
      body.html,
      board.isAnonymous,
      isNotice ? between(100_000, 10_000_000) : between(0, 5_000),
      plan.commentCounts[id],
      plan.scrapCounts[id],
      isNotice ? (noticeNumber < 3 ? "global" : "board") : "none",
      isNotice ? noticeNumber : 0,
      createdAt,
      createdAt,
      deleted ? createdAt + 60_000 : null,
    ];
  });
  await load.setCounts("boards", "post_count", livePostsOfBoard);
  await load.setCounts("categories", "post_count", livePostsOfCategory);
  return { anonymousPosts, topics };
}

async function insertComments(
  load: BulkLoad,
  options: Options,
  firstMemberId: number,
  plan: Plan,
  posts: { anonymousPosts: Uint8Array; topics: Uint8Array },
) {
  const columns = ["id", "post_id", "author_id", "parent_id", "body", "is_anonymous", "created_at"];
  const lastCommentOfPost = new Int32Array(options.posts + 1);
  await inBatches(load, "comments", columns, options.comments, (i, indexed) => {
    const id = i + 1;
    const postId = plan.commentPostIds[i];
    const previous = lastCommentOfPost[postId];
    const parentId = previous > 0 && random() < REPLY_SHARE ? previous : null;
    lastCommentOfPost[postId] = id;
    const createdAt = postCreatedAt(options, postId) + between(60_000, 2 * 24 * 60 * 60 * 1000);
    const authorId = firstMemberId + between(0, MEMBER_COUNT - 1);
    const body = random() < 0.3 ? pick(DEMO_REACTIONS) : text.comment(posts.topics[postId]);
    indexed.push({ id, titleGrams: [], bodyGrams: indexedGrams(body) });
    return [id, postId, authorId, parentId, body, posts.anonymousPosts[postId], createdAt];
  });
}

async function insertScraps(load: BulkLoad, plan: Plan) {
  await inBatches(load, "scraps", ["user_id", "post_id", "memo", "created_at"], plan.scraps.length, (i) => [
    plan.scraps[i][0],
    plan.scraps[i][1],
    "",
    END_AT - i * 1000,
  ]);
}

async function main() {
  const options = readOptions();
  const start = performance.now();
  const load = await openBulkLoad(options.out);
  const boards = await timed("boards", () => insertBoards(load));
  const users = await timed("members", () => insertUsers(load));
  const plan = await timed("plan", async () => planComments(options, users.firstMemberId));
  const posts = await timed("posts", () => insertPosts(load, options, boards, users, plan));
  await timed("comments", () => insertComments(load, options, users.firstMemberId, plan, posts));
  await timed("scraps", () => insertScraps(load, plan));
  await timed("finish", () => load.close());
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`${redactUrl(options.out)}: ${options.posts} posts, ${options.comments} comments in ${seconds} s`);
}

await main();
