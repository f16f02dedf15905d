/**
 * Builds a big, migrated Madang database for the benchmark:
 *   npm run bench:data -- --posts 1000000 --comments 3000000 --out bench/data/1m.db
 *
 * The schema comes from the real migrations; rows are bulk-inserted with raw prepared statements (SQLite-only, and
 * only here) with the journal in memory and no syncing, which is safe because a failed run just leaves a file to
 * delete. Where comments and scraps go is decided first, so every counter the app reads (board and category post
 * counts, comment and scrap counts) is written exact with the rows.
 */
import SQLite from "better-sqlite3";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "#db/connection";
import { DEMO_BOARDS, DEMO_REACTIONS } from "#db/demo-data";
import { migrateToLatest } from "#db/migrator";
import { renderMarkdown } from "~/lib/markdown.server";

const MEMBER_COUNT = 3_000;
const NOTICE_COUNT = 30;
const SQUARE_SHARE = 0.7;
const UNCATEGORIZED_SHARE = 0.1;
const DELETED_SHARE = 0.002;
const REPLY_SHARE = 0.2;
const SCRAPS_PER_THOUSAND_POSTS = 20;
const BATCH = 50_000;
const HISTORY_MS = 5 * 365 * 24 * 60 * 60 * 1000;
const END_AT = Date.UTC(2025, 11, 19, 1, 25);
const BENCH_PASSWORD_HASH = "!bench-no-login";

const TITLE_WORDS = [
  "속보",
  "단독",
  "오늘",
  "이번 주",
  "정부",
  "카카오",
  "네이버",
  "서울",
  "날씨",
  "물가",
  "전기차",
  "드라마",
  "아이돌",
  "신작",
  "후기",
  "질문",
  "정리",
  "추천",
  "공유",
  "논란",
];
const TITLE_ENDINGS = [
  "발표",
  "근황",
  "소식 모음",
  "어떻게 생각해?",
  "정리해 봄",
  "후기입니다",
  "궁금한 점",
  "총정리",
  "실화냐",
  "이야기",
];

const BODY_TEMPLATES = [
  "오늘 나온 기사 공유합니다.\n\n자세한 내용은 아래를 참고하세요.\n\n- 첫째, 발표 내용\n- 둘째, 일정\n- 셋째, 반응\n\n출처: [기사 원문](https://news.example.com/article/1)",
  '### 요약\n\n정부가 내년부터 새 제도를 시행한다고 **발표**했습니다.\n\n> 관계자는 "충분한 준비 기간을 두겠다"고 말했습니다.\n\n여러분 생각은 어떠세요?',
  "질문 있어요!\n\n이거 써 보신 분 계신가요? 가격이 좀 부담돼서 고민 중이에요.\n\n1. 배터리는 오래 가나요?\n2. A/S는 괜찮나요?",
  "정보 공유합니다 :)\n\n| 항목 | 내용 |\n| --- | --- |\n| 기간 | 12월 한 달 |\n| 대상 | 전체 회원 |\n\n`할인 코드`는 따로 없어요.",
  "짧은 후기.\n\n생각보다 훨씬 좋았고, 다음에 또 갈 것 같아요. 사진은 용량 때문에 못 올렸어요 ㅠㅠ",
  "긴 글 주의\n\n" +
    "어제부터 계속 이야기가 나오던 건인데, 정리하면 이렇습니다. ".repeat(12) +
    "\n\n끝까지 읽어 주셔서 감사합니다.",
];

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
  if (!values.out) throw new Error("--out FILE is required");
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
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function timed<T>(label: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  console.log(`${label.padEnd(12)} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

async function createSchema(path: string) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const db = openDatabase(`file:${path}`);
  await migrateToLatest(db);
  await db.destroy();
}

function openForBulkLoad(path: string): SQLite.Database {
  const sqlite = new SQLite(path);
  // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF; an in-memory journal is as fast.
  sqlite.pragma("journal_mode = DELETE");
  if (sqlite.pragma("journal_mode = MEMORY", { simple: true }) !== "memory")
    throw new Error("could not set journal_mode");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");
  return sqlite;
}

function inBatches(sqlite: SQLite.Database, total: number, insertOne: (index: number) => void) {
  const runBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insertOne(i);
  });
  for (let from = 0; from < total; from += BATCH) runBatch(from, Math.min(total, from + BATCH));
}

interface BoardRow {
  id: number;
  categoryIds: number[];
}

function insertBoards(sqlite: SQLite.Database): BoardRow[] {
  const insertBoard = sqlite.prepare(
    "insert into boards (slug, name, description, is_anonymous, position, created_at) values (?, ?, ?, ?, ?, ?) returning id",
  );
  const insertCategory = sqlite.prepare(
    "insert into categories (board_id, slug, name, position, admin_only, notice_badge) values (?, ?, ?, ?, ?, ?) returning id",
  );
  return DEMO_BOARDS.map((board, position) => {
    const { id } = insertBoard.get(
      board.slug,
      board.name,
      board.description,
      board.isAnonymous ? 1 : 0,
      position,
      END_AT - HISTORY_MS,
    ) as { id: number };
    // Admin-only categories (events) hold only a sprinkle of posts; ordinary ones share the rest.
    const categoryIds = board.categories
      .filter((c) => !c.adminOnly)
      .map((c, i) => (insertCategory.get(id, c.slug, c.name, i, 0, c.noticeBadge ?? null) as { id: number }).id);
    board.categories.forEach((c, i) => {
      if (c.adminOnly) insertCategory.run(id, c.slug, c.name, i, 1, c.noticeBadge ?? null);
    });
    return { id, categoryIds };
  });
}

interface Users {
  adminId: number;
  firstMemberId: number;
}

function insertUsers(sqlite: SQLite.Database): Users {
  const insert = sqlite.prepare(
    "insert into users (username, password_hash, role, created_at) values (?, ?, ?, ?) returning id",
  );
  const { id: adminId } = insert.get("bench_admin", BENCH_PASSWORD_HASH, "admin", END_AT - HISTORY_MS) as {
    id: number;
  };
  let firstMemberId = 0;
  inBatches(sqlite, MEMBER_COUNT, (i) => {
    const { id } = insert.get(
      `member${String(i).padStart(5, "0")}`,
      BENCH_PASSWORD_HASH,
      "member",
      END_AT - HISTORY_MS + i * 60_000,
    ) as { id: number };
    if (i === 0) firstMemberId = id;
  });
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

function insertPosts(sqlite: SQLite.Database, options: Options, boards: BoardRow[], users: Users, plan: Plan) {
  const bodies = BODY_TEMPLATES.map((md) => ({ md, html: renderMarkdown(md) }));
  const insert = sqlite.prepare(
    `insert into posts (id, board_id, category_id, author_id, title, body_md, body_html, view_count, comment_count,
       scrap_count, notice_scope, notice_order, created_at, updated_at, deleted_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const square = boards[0];
  const others = boards.slice(1);
  const livePostsOfBoard = new Map<number, number>();
  const livePostsOfCategory = new Map<number, number>();
  // Notices are spread through the history, as on the source board where announcements stay pinned for years.
  const noticeEvery = Math.floor(options.posts / NOTICE_COUNT);
  inBatches(sqlite, options.posts, (i) => {
    const id = i + 1;
    const noticeNumber = i % noticeEvery === 0 ? i / noticeEvery : NOTICE_COUNT;
    const isNotice = noticeNumber < NOTICE_COUNT;
    const board = random() < SQUARE_SHARE || others.length === 0 ? square : pick(others);
    const categoryId = random() < UNCATEGORIZED_SHARE ? null : pick(board.categoryIds);
    const body = pick(bodies);
    const createdAt = postCreatedAt(options, id);
    const deleted = !isNotice && random() < DELETED_SHARE;
    if (!deleted) {
      livePostsOfBoard.set(board.id, (livePostsOfBoard.get(board.id) ?? 0) + 1);
      if (categoryId !== null) livePostsOfCategory.set(categoryId, (livePostsOfCategory.get(categoryId) ?? 0) + 1);
    }
    insert.run(
      id,
      board.id,
      categoryId,
      isNotice ? users.adminId : users.firstMemberId + between(0, MEMBER_COUNT - 1),
      isNotice
        ? `[공지] 게시판 이용 안내 ${noticeNumber + 1}`
        : `${pick(TITLE_WORDS)} ${pick(TITLE_WORDS)} ${pick(TITLE_ENDINGS)} (${id})`,
      body.md,
      body.html,
      isNotice ? between(100_000, 10_000_000) : between(0, 5_000),
      plan.commentCounts[id],
      plan.scrapCounts[id],
      isNotice ? (noticeNumber < 3 ? "global" : "board") : "none",
      isNotice ? noticeNumber : 0,
      createdAt,
      createdAt,
      deleted ? createdAt + 60_000 : null,
    );
  });
  const setBoardCount = sqlite.prepare("update boards set post_count = ? where id = ?");
  const setCategoryCount = sqlite.prepare("update categories set post_count = ? where id = ?");
  for (const [id, count] of livePostsOfBoard) setBoardCount.run(count, id);
  for (const [id, count] of livePostsOfCategory) setCategoryCount.run(count, id);
}

function insertComments(sqlite: SQLite.Database, options: Options, firstMemberId: number, plan: Plan) {
  const insert = sqlite.prepare(
    "insert into comments (id, post_id, author_id, parent_id, body, created_at) values (?, ?, ?, ?, ?, ?)",
  );
  const lastCommentOfPost = new Int32Array(options.posts + 1);
  inBatches(sqlite, options.comments, (i) => {
    const id = i + 1;
    const postId = plan.commentPostIds[i];
    const previous = lastCommentOfPost[postId];
    const parentId = previous > 0 && random() < REPLY_SHARE ? previous : null;
    lastCommentOfPost[postId] = id;
    const createdAt = postCreatedAt(options, postId) + between(60_000, 2 * 24 * 60 * 60 * 1000);
    insert.run(id, postId, firstMemberId + between(0, MEMBER_COUNT - 1), parentId, pick(DEMO_REACTIONS), createdAt);
  });
}

function insertScraps(sqlite: SQLite.Database, plan: Plan) {
  const insert = sqlite.prepare("insert into scraps (user_id, post_id, memo, created_at) values (?, ?, '', ?)");
  inBatches(sqlite, plan.scraps.length, (i) => insert.run(plan.scraps[i][0], plan.scraps[i][1], END_AT - i * 1000));
}

async function main() {
  const options = readOptions();
  const start = performance.now();
  await createSchema(options.out);
  const sqlite = openForBulkLoad(options.out);
  const boards = timed("boards", () => insertBoards(sqlite));
  const users = timed("members", () => insertUsers(sqlite));
  const plan = timed("plan", () => planComments(options, users.firstMemberId));
  timed("posts", () => insertPosts(sqlite, options, boards, users, plan));
  timed("comments", () => insertComments(sqlite, options, users.firstMemberId, plan));
  timed("scraps", () => insertScraps(sqlite, plan));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`${options.out}: ${options.posts} posts, ${options.comments} comments in ${seconds} s`);
}

await main();
