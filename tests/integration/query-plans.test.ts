import { sql, type CompiledQuery } from "kysely";
import { openDatabase } from "#db/connection";
import { engineOf, queryPlan, resetIdSequences, type PlanStep } from "#db/engine";
import { createTestDbUrl } from "../helpers/db";
import { getBoardIndex, getBoardListing } from "~/models/board-listing.server";
import { getBoardBySlug, listBoards } from "~/models/boards.server";
import { blockAuthor, listBlocks, readBlockedAuthorIds, removeBlock } from "~/models/blocks.server";
import {
  addComment,
  commentContextFor,
  countThreadsThrough,
  deleteComment,
  listCommentsSince,
  listCommentThreads,
} from "~/models/comments.server";
import { listAllNotices, listBoardNotices } from "~/models/notices.server";
import { ANCHOR_SPAN } from "~/models/list-page-anchors.server";
import { createPost, deletePost, getPost, getPostForEdit, updatePost } from "~/models/posts.server";
import { addScrap, hasScrapped, listScraps, removeScrap, updateScrapMemo } from "~/models/scraps.server";
import { DEFAULT_RATE_LIMITS } from "~/models/rate-limits.server";
import { findActiveSuspension, getMemberForAdmin, liftSuspension, suspendMember } from "~/models/suspensions.server";
import { startSignup } from "~/auth/signup-limit.server";
import { countPostView, pruneExpiredViews, readerCookieToIssue } from "~/models/views.server";
import { listAdminActions } from "~/models/admin-log.server";
import { searchPosts } from "~/models/search.server";
import { keepBlinded, listReportQueue, reportItem, restoreItem } from "~/models/reports.server";
import { processImage } from "~/lib/image-processing.server";
import type { UploadStorage } from "~/lib/upload-storage.server";
import { cleanUnusedUploads, storeUploads } from "~/models/uploads.server";
import { png } from "../helpers/images";
import { getHotListVersion } from "~/models/board-versions.server";
import { listBoardFeedPosts, listHotFeedPosts } from "~/models/feeds.server";
import { listHotPosts } from "~/models/hot-posts.server";
import { isHotPost, refreshHotRanking } from "~/models/hot-ranking.server";
import { listMyComments, listMyPosts } from "~/models/my-items.server";
import {
  getNotificationSettings,
  pruneOldNotifications,
  saveNotificationSettings,
} from "~/models/notifications.server";
import { listNotifications, markAllNotificationsRead, openNotification } from "~/models/notification-inbox.server";
import { readSession, startSession } from "~/auth/session.server";

/**
 * Runs every list, search, post, comment, scrap, view, block, suspension, posting-limit, HOT, feed and /me query the app makes, captures
 * the SQL Kysely sends, and checks each plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN with sequential scans priced out on PostgreSQL): a table that
 * grows with the board is only ever searched through an index, never scanned (a scan "using index" still reads the
 * whole index), except the small partial indexes: the notices', which holds only notices, and the open reports'
 * (the admin queue), which holds only reports not yet reviewed.
 */
const GROWING_TABLES = [
  "uploads",
  "post_images",
  "upload_events",
  "posts",
  "comments",
  "scraps",
  "post_views",
  "post_address_views",
  "sessions",
  "users",
  "blocks",
  "suspensions",
  "reports",
  "notifications",
];
const SMALL_PARTIAL_INDEXES = ["posts_notices", "reports_open"];
// Realistic row counts, so that each planner chooses as it would on a live board: many posts with a few comments
// each, and one busy post with thousands of comments in threads (a plan that reads all of them shows on no small post).
const POSTS = ANCHOR_SPAN * 20;
const COMMENTED_POSTS = POSTS / 2;
const BUSY_POST_ID = 1;
const BUSY_POST_THREADS = 150;
const REPLIES_PER_THREAD = 20;

const captured = new Map<string, CompiledQuery>();
let capturing = false;
const db = openDatabase(await createTestDbUrl(), {
  log(event) {
    if (capturing && event.level === "query") captured.set(event.query.sql, event.query);
  },
});
afterAll(() => db.destroy());

beforeAll(async () => {
  await db
    .insertInto("users")
    .values([
      { username: "author", password_hash: "x", role: "member", created_at: 0 },
      { username: "reader", password_hash: "x", role: "member", created_at: 0 },
      { username: "admin", password_hash: "x", role: "admin", created_at: 0 },
    ])
    .execute();
  const board = await db
    .insertInto("boards")
    .values({ slug: "square", name: "스퀘어", created_at: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("categories")
    .values([
      { board_id: board.id, slug: "news", name: "뉴스" },
      { board_id: board.id, slug: "tips", name: "팁" },
    ])
    .execute();
  const rows = Array.from({ length: POSTS }, (_, i) => ({
    board_id: board.id,
    category_id: (i % 2) + 1,
    author_id: 1,
    title: `글 ${i}`,
    body_md: "b",
    body_html: "<p>b</p>",
    is_anonymous: 0,
    notice_scope: i < 3 ? ("board" as const) : ("none" as const),
    created_at: i,
    updated_at: i,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("posts")
      .values(rows.slice(i, i + 500))
      .execute();
  await sql`update boards set post_count = ${POSTS}`.execute(db);
  await sql`update categories set post_count = ${POSTS / 2}`.execute(db);
  await insertComments();
  // PostgreSQL plans by the statistics autovacuum keeps on a live server; SQLite is never analyzed in production.
  if (engineOf(db).name === "postgres") await sql`analyze`.execute(db);
});

/** Two comments (a thread and its reply) on each of COMMENTED_POSTS posts, and the busy post's threads. */
async function insertComments() {
  const comment = (id: number, postId: number, parentId: number | null) => ({
    id,
    post_id: postId,
    author_id: 2,
    parent_id: parentId,
    body: "댓글",
    is_anonymous: 0,
    created_at: id,
  });
  const rows: ReturnType<typeof comment>[] = [];
  for (let thread = 0; thread < BUSY_POST_THREADS; thread++) {
    const threadId = rows.length + 1;
    rows.push(comment(threadId, BUSY_POST_ID, null));
    for (let reply = 0; reply < REPLIES_PER_THREAD; reply++)
      rows.push(comment(rows.length + 1, BUSY_POST_ID, threadId));
  }
  for (let postId = 2; postId <= COMMENTED_POSTS; postId++) {
    rows.push(comment(rows.length + 1, postId, null));
    rows.push(comment(rows.length + 1, postId, rows.length - 1));
  }
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto("comments")
      .values(rows.slice(i, i + 1000))
      .execute();
  await resetIdSequences(db, ["comments"]);
}

async function runEveryQuery() {
  const author = { id: 1, role: "member" as const };
  const reader = { id: 2, username: "reader", role: "member" as const };
  await listBoards(db);
  const board = (await getBoardBySlug(db, "square"))!;
  for (const page of [1, 2, 40, 70]) {
    await getBoardListing(db, board, { categorySlug: null, page, showAllNotices: false });
    await getBoardListing(db, board, { categorySlug: "news", page, showAllNotices: true });
    await getBoardListing(db, board, { categorySlug: null, page, showAllNotices: false, excludedSlugs: ["tips"] });
  }
  await getBoardIndex(db, ["tips"]);
  await listBoardNotices(db, board.id);
  await listAllNotices(db);

  // The reader blocks the author from a post; their lists and comments are read with the blocked set.
  expect(await blockAuthor(db, reader.id, { postId: 10, commentId: null })).toBe("blocked");
  const blockedAuthorIds = await readBlockedAuthorIds(db, reader);
  for (const page of [1, 40, 70]) {
    await getBoardListing(db, board, {
      categorySlug: null,
      page,
      showAllNotices: false,
      hiddenAuthorIds: blockedAuthorIds,
    });
  }
  await getBoardIndex(db, [], blockedAuthorIds);
  for (const scope of ["title_body", "title", "comment", "author"] as const) {
    const search = { query: "글 a", scope, excludedSlugs: [], readerId: null, before: null };
    await searchPosts(db, search);
    await searchPosts(db, { ...search, boardId: board.id, excludedSlugs: ["tips"], readerId: reader.id, before: 50 });
    await searchPosts(db, { ...search, boardId: board.id, categoryId: 1 });
  }

  // Uploads go to a storage that keeps nothing: only their queries are looked at here.
  const nowhere: UploadStorage = { put: async () => {}, read: async () => null, remove: async () => {} };
  const processed = await processImage(await png(20, 10));
  if (!processed.ok) throw new Error(processed.message);
  const stored = await storeUploads(db, nowhere, [processed.image], author.id, { limit: DEFAULT_RATE_LIMITS.uploads });
  if (!stored.ok) throw new Error(stored.message);
  const created = await createPost(
    db,
    { boardId: board.id, authorId: author.id, categoryId: 1, title: "새 글", bodyMd: stored.uploads[0].markdown },
    { limits: DEFAULT_RATE_LIMITS },
  );
  if (!created.ok) throw new Error("post not created");
  const { postId } = created;
  const post = (await getPost(db, postId))!;
  await getPostForEdit(db, postId);
  await updatePost(db, postId, author, { categoryId: 2, title: "고친 글", bodyMd: "본문" });
  const request = new Request("http://madang.test/square/1", { headers: { "user-agent": "Mozilla/5.0 Chrome/140" } });
  await countPostView(db, { postId, readerUserId: reader.id, request, clientAddress: "127.0.0.1" });
  // A reader with a signed cookie (the page gave it) and a client that keeps none.
  const readerCookie = (await readerCookieToIssue(db, request))!.split(";")[0];
  const withCookie = new Request(request, {
    headers: { ...Object.fromEntries(request.headers), cookie: readerCookie },
  });
  await countPostView(db, { postId, readerUserId: null, request: withCookie, clientAddress: "127.0.0.1" });
  await countPostView(db, { postId, readerUserId: null, request, clientAddress: "127.0.0.1" });
  await pruneExpiredViews(db, Date.now());

  const context = commentContextFor(post, reader);
  const limits = { limits: DEFAULT_RATE_LIMITS };
  const added = await addComment(db, { postId, authorId: reader.id, body: "댓글", parentId: null }, limits);
  if (!added.ok) throw new Error("comment not added");
  await addComment(db, { postId, authorId: reader.id, body: "답글", parentId: added.commentId }, limits);
  await listCommentThreads(db, context);
  await listCommentThreads(db, context, { afterId: added.commentId });
  await listCommentsSince(db, context, 0);
  await listCommentThreads(db, commentContextFor(post, reader, blockedAuthorIds));
  expect(await blockAuthor(db, 3, { postId, commentId: added.commentId })).toBe("blocked");
  await countThreadsThrough(db, postId, added.threadId);

  const reportedPost = { kind: "post" as const, postId };
  const reportedComment = { kind: "comment" as const, postId, commentId: added.commentId };
  await reportItem(db, { item: reportedPost, reporterId: reader.id, reason: "spam", detail: "" });
  await reportItem(db, { item: reportedComment, reporterId: author.id, reason: "other", detail: "기타" });
  await listReportQueue(db, 1);
  await keepBlinded(db, { item: reportedPost, adminId: 3, reason: "" });
  await restoreItem(db, { item: reportedComment, adminId: 3, reason: "" });
  await listAdminActions(db, 1);

  // The reader's comment and the admin's blinding notified the post's author.
  const { lines } = await listNotifications(db, author, 1);
  expect(lines.length).toBeGreaterThan(1);
  await openNotification(db, author.id, lines[0].id);
  await markAllNotificationsRead(db, author.id);
  await pruneOldNotifications(db, Date.now());
  await saveNotificationSettings(db, author.id, await getNotificationSettings(db, author.id));
  await deleteComment(db, { postId, commentId: added.commentId, editor: { id: reader.id, role: "member" } });

  await addScrap(db, reader.id, postId);
  await hasScrapped(db, reader.id, postId);
  await updateScrapMemo(db, reader.id, postId, "메모");
  await listScraps(db, reader, { titleQuery: "", page: 1 });
  await listScraps(db, reader, { titleQuery: "글", page: 1 });
  await removeScrap(db, reader.id, postId);
  // HOT: the ranking reads the window's posts through posts_created; pages, the mark and the feeds read it back.
  await refreshHotRanking(db, { now: POSTS + 1_000 });
  await listHotPosts(db, { page: 2, excludedSlugs: ["tips"], hiddenAuthorIds: blockedAuthorIds });
  await listHotPosts(db, { boardId: board.id, page: 1, excludedSlugs: [], hiddenAuthorIds: new Set() });
  await isHotPost(db, postId);
  await getHotListVersion(db);
  await listBoardFeedPosts(db, board.id);
  await listHotFeedPosts(db);
  await listMyPosts(db, reader, 2);
  await listMyComments(db, reader, 2);

  const { blocks } = await listBlocks(db, reader.id, 1);
  await removeBlock(db, reader.id, blocks[0].id);
  await deletePost(db, postId, author);
  await cleanUnusedUploads(db, nowhere, Date.now() + 2 * 24 * 60 * 60 * 1000);

  const admin = { id: 3, role: "admin" as const };
  await suspendMember(db, { admin, userId: reader.id, length: "7", reason: "도배" });
  await findActiveSuspension(db, reader.id);
  await getMemberForAdmin(db, "reader");
  await liftSuspension(db, { admin, userId: reader.id });
  await startSignup(db, "127.0.0.1", DEFAULT_RATE_LIMITS.signupsPerAddress);
}

function scansGrowingTable(step: PlanStep): boolean {
  return (
    step.fullScan && GROWING_TABLES.includes(step.table ?? "") && !SMALL_PARTIAL_INDEXES.includes(step.index ?? "")
  );
}

describe("query plans", () => {
  it("uses an index for every list, post, comment, scrap, view and block query", async () => {
    capturing = true;
    await runEveryQuery();
    capturing = false;
    const queries = [...captured.values()].filter((q) => !/^(begin|commit|rollback)/i.test(q.sql));
    expect(queries.length).toBeGreaterThan(20);

    const offenders: string[] = [];
    for (const query of queries) {
      const plan = await queryPlan(db, query);
      if (plan.some(scansGrowingTable)) {
        offenders.push(`${query.sql}\n  ${plan.map((step) => step.detail).join("\n  ")}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("reads a busy post's replies by their threads, not through every comment of the post", async () => {
    const busyPost = (await getPost(db, BUSY_POST_ID))!;
    captured.clear();
    capturing = true;
    const { threads } = await listCommentThreads(db, commentContextFor(busyPost, null));
    capturing = false;
    expect(threads.every((thread) => thread.replies.length === REPLIES_PER_THREAD)).toBe(true);
    const replies = [...captured.values()].find((q) => /parent_id" in \(/.test(q.sql))!;
    // On PostgreSQL a bitmap scan's index step names the index only.
    const details = (await queryPlan(db, replies))
      .filter((step) => step.table === "comments" || step.index?.startsWith("comments"))
      .map((step) => step.detail);
    expect(
      details.some((detail) => /parent_id/.test(detail)),
      details.join("\n"),
    ).toBe(true);
  });

  it("finds a deep list page without OFFSET over the rows before it", async () => {
    captured.clear();
    capturing = true;
    const board = (await getBoardBySlug(db, "square"))!;
    await getBoardListing(db, board, { categorySlug: null, page: 70, showAllNotices: false });
    capturing = false;
    const offsets = [...captured.values()].flatMap((q) =>
      / offset (\?|\$\d+)/.test(q.sql) ? [q.parameters.at(-1)] : [],
    );
    expect(offsets.length).toBeGreaterThan(0);
    expect(offsets.every((offset) => Number(offset) < ANCHOR_SPAN)).toBe(true);
  });

  it("reads a list with blocks in the same queries as without: the blocked set is one read per request", async () => {
    const board = (await getBoardBySlug(db, "square"))!;
    const queriesOf = async (work: () => Promise<unknown>) => {
      captured.clear();
      capturing = true;
      await work();
      capturing = false;
      // Notices and posts are read at once, so their order varies.
      return [...captured.keys()].sort();
    };
    const reader = { id: 2 };
    await blockAuthor(db, reader.id, { postId: 10, commentId: null });
    let blocked: ReadonlySet<number> = new Set();
    expect(await queriesOf(async () => (blocked = await readBlockedAuthorIds(db, reader)))).toHaveLength(1);
    expect(blocked.size).toBeGreaterThan(0);
    for (const page of [1, 70]) {
      const query = { categorySlug: null, page, showAllNotices: false };
      const plain = await queriesOf(() => getBoardListing(db, board, query));
      const withBlocks = await queriesOf(() => getBoardListing(db, board, { ...query, hiddenAuthorIds: blocked }));
      expect(withBlocks).toEqual(plain);
    }
  });

  it("reads the header's unread count with the session: one indexed query per page", async () => {
    const headers = await startSession(db, new Request("http://madang.test/"), 1);
    const cookie = (headers.get("Set-Cookie") ?? "").split(";")[0];
    captured.clear();
    capturing = true;
    const state = await readSession({ db }, new Request("http://madang.test/", { headers: { cookie } }));
    capturing = false;
    const queries = [...captured.values()];
    expect(state.unreadNotifications).toBeGreaterThanOrEqual(0);
    expect(queries).toHaveLength(1);
    expect(queries[0].sql).toContain("unread_notifications");
    expect((await queryPlan(db, queries[0])).filter(scansGrowingTable)).toEqual([]);
  });
});
