import { addComment } from "~/models/comments.server";
import { BLOCK_LIMIT } from "~/models/blocks.server";
import { addScrap, listScraps } from "~/models/scraps.server";
import { loader as boardPage } from "~/routes/$board._index";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { loader as frontPage } from "~/routes/_index";
import { action as blocksAction, loader as blocksPage } from "~/routes/settings.blocks";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  ofKind,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

interface Member {
  id: number;
  username: string;
  cookie: string;
}

let named: TestBoard;
let anonymous: TestBoard;
let count = 0;

async function newMember(prefix = "member"): Promise<Member> {
  const username = `${prefix}${++count}`;
  const id = await createUser(db, username);
  return { id, username, cookie: await sessionCookieFor(db, id) };
}

beforeAll(async () => {
  named = await createTestBoard(db, "square");
  anonymous = await createTestBoard(db, "secret");
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymous.id).execute();
});

function postTo(board: TestBoard, postId: number, fields: Record<string, string>, cookie: string) {
  const request = formPost(`/${board.slug}/${postId}`, fields, cookie);
  return callRoute(db, postAction, request, { board: board.slug, postId: String(postId) });
}

function block(board: TestBoard, postId: number, member: Member, fields: Record<string, string> = {}) {
  return postTo(board, postId, { intent: "block", ...fields }, member.cookie);
}

async function newComment(postId: number, authorId: number, parentId: number | null = null) {
  const added = await addComment(db, { postId, authorId, body: `${authorId}의 댓글`, parentId });
  if (!added.ok) throw new Error("comment not added");
  return added.commentId;
}

function readPost(board: TestBoard, postId: number, cookie?: string) {
  return callRoute(db, postPage, pageGet(`/${board.slug}/${postId}`, cookie), {
    board: board.slug,
    postId: String(postId),
  });
}

async function listedIds(board: TestBoard, cookie?: string, page = 1) {
  const answer = await callRoute(db, boardPage, pageGet(`/${board.slug}?page=${page}`, cookie), {
    board: board.slug,
  });
  const { listing } = payloadOf(answer).list!;
  return { ids: listing.posts.map((p) => p.id), hiddenCount: listing.hiddenCount };
}

function blockList(member: Member) {
  return callRoute(db, blocksPage, pageGet("/settings/blocks", member.cookie));
}

async function blockRows(blockerId: number) {
  return db.selectFrom("blocks").selectAll().where("blocker_id", "=", blockerId).execute();
}

describe("blocking from a post or a comment", () => {
  it("blocks a post's author, returns to the post with a confirmation, and takes a second block quietly", async () => {
    const [author, reader] = [await newMember("author"), await newMember()];
    const first = await createTestPost(db, named, { authorId: author.id, title: "첫 글" });
    const second = await createTestPost(db, named, { authorId: author.id, title: "둘째 글" });

    const answer = await block(named, first, reader);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/square/${first}?blocked=1`);
    expect((await block(named, second, reader)).status).toBe(303);
    const rows = await blockRows(reader.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ blocked_id: author.id, post_id: first, comment_id: null, snapshot: "첫 글" });

    const page = payloadOf(await readPost(named, first, reader.cookie));
    expect(page.justBlocked).toBe(false);
    expect(page.post.authorBlocked).toBe(true);
    expect(page.reader.canBlock).toBe(false);
    const confirmed = await callRoute(db, postPage, pageGet(`/square/${first}?blocked=1`, reader.cookie), {
      board: "square",
      postId: String(first),
    });
    expect(payloadOf(confirmed).justBlocked).toBe(true);
  });

  it("blocks a comment's author and returns to that comment", async () => {
    const [postAuthor, commenter, reader] = [await newMember(), await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: postAuthor.id });
    const commentId = await newComment(postId, commenter.id);
    const answer = await block(named, postId, reader, { commentId: String(commentId) });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/square/${postId}?comments=20&blocked=1#comment-${commentId}`);
    expect(await blockRows(reader.id)).toMatchObject([
      { blocked_id: commenter.id, post_id: postId, comment_id: commentId, is_anonymous: 0 },
    ]);
  });

  it("answers in place with data when the page's script asks", async () => {
    const [author, reader] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const answer = await block(named, postId, reader, { inPlace: "1" });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ intent: "block", fieldErrors: {}, accepted: "차단했습니다." });
    expect(await blockRows(reader.id)).toHaveLength(1);
  });

  it("refuses blocking oneself with 400 and a Korean message, from a post or a comment", async () => {
    const member = await newMember();
    const postId = await createTestPost(db, named, { authorId: member.id });
    const commentId = await newComment(postId, member.id);
    const forms: Record<string, string>[] = [{}, { commentId: String(commentId) }];
    for (const fields of forms) {
      const answer = await block(named, postId, member, fields);
      expect(answer.status).toBe(400);
      expect(payloadOf(answer).fieldErrors).toEqual({ form: "자기 자신은 차단할 수 없습니다." });
    }
    expect(await blockRows(member.id)).toHaveLength(0);
  });

  it("answers 404 for missing or deleted posts and comments, writing nothing", async () => {
    const [author, reader] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const otherPost = await createTestPost(db, named, { authorId: author.id });
    const deletedComment = await newComment(postId, author.id);
    await db.updateTable("comments").set({ deleted_at: 1 }).where("id", "=", deletedComment).execute();
    const elsewhere = await newComment(otherPost, author.id);
    for (const commentId of [String(deletedComment), String(elsewhere), "999999", "abc", ""]) {
      expect((await block(named, postId, reader, { commentId })).status, commentId).toBe(404);
    }
    expect((await block(named, 999_999, reader)).status).toBe(404);
    await db.updateTable("posts").set({ deleted_at: 1 }).where("id", "=", otherPost).execute();
    expect((await block(named, otherPost, reader)).status).toBe(404);
    expect(await blockRows(reader.id)).toHaveLength(0);
  });

  it("asks logged-out readers to log in", async () => {
    const author = await newMember();
    const postId = await createTestPost(db, named, { authorId: author.id });
    const answer = await callRoute(db, postAction, formPost(`/square/${postId}`, { intent: "block" }), {
      board: "square",
      postId: String(postId),
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("what a block hides", () => {
  it("leaves the author's posts out of the blocker's lists only, keeping page positions and notices", async () => {
    const board = await createTestBoard(db, `list${++count}`);
    const [author, other, reader, bystander] = [
      await newMember(),
      await newMember(),
      await newMember(),
      await newMember(),
    ];
    const notice = await createTestPost(db, board, {
      authorId: author.id,
      title: "공지",
      notice: { scope: "board", order: 1 },
    });
    // 45 posts, every third by the blocked author: three pages of 20.
    const ids: number[] = [];
    for (let i = 0; i < 45; i++)
      ids.push(await createTestPost(db, board, { authorId: i % 3 === 0 ? author.id : other.id }));
    const byAuthor = new Set(ids.filter((_, i) => i % 3 === 0));
    expect((await block(board, ids[0], reader)).status).toBe(303);

    const before = await listedIds(board, bystander.cookie, 2);
    const after = await listedIds(board, reader.cookie, 2);
    expect(after.ids).toEqual(before.ids.filter((id) => !byAuthor.has(id)));
    expect(after.hiddenCount).toBe(before.ids.length - after.ids.length);
    expect(after.hiddenCount).toBeGreaterThan(0);
    expect((await listedIds(board, undefined, 2)).ids).toEqual(before.ids);

    const listing = payloadOf(
      await callRoute(db, boardPage, pageGet(`/${board.slug}`, reader.cookie), { board: board.slug }),
    ).list!.listing;
    expect(listing.notices.map((n) => n.id)).toContain(notice);
    const opened = payloadOf(await readPost(board, notice, reader.cookie));
    expect(opened.post.authorBlocked).toBe(false);
    expect(opened.reader.canBlock).toBe(false);
    expect(listing.pageCount).toBe(3);

    const front = payloadOf(await callRoute(db, frontPage, pageGet("/", reader.cookie)));
    const frontIds = front.boards.find((b) => b.slug === board.slug)!.posts.map((p) => p.id);
    expect(frontIds.some((id) => byAuthor.has(id))).toBe(false);
  });

  it("collapses the author's comments and keeps the replies under them", async () => {
    const [postAuthor, blocked, replier, reader] = [
      await newMember(),
      await newMember(),
      await newMember(),
      await newMember(),
    ];
    const postId = await createTestPost(db, named, { authorId: postAuthor.id });
    const thread = await newComment(postId, blocked.id);
    const reply = await newComment(postId, replier.id, thread);
    const blockedReply = await newComment(postId, blocked.id, thread);
    await block(named, postId, reader, { commentId: String(thread) });

    const { comments } = payloadOf(await readPost(named, postId, reader.cookie));
    const [shown] = comments.threads;
    expect(shown).toMatchObject({ id: thread, authorBlocked: true, body: null, authorName: "", canBlock: false });
    expect(shown.replies).toMatchObject([
      { id: reply, authorBlocked: false, body: `${replier.id}의 댓글`, authorName: replier.username, canBlock: true },
      { id: blockedReply, authorBlocked: true, body: null, authorName: "" },
    ]);
    expect(JSON.stringify(comments)).not.toContain(blocked.username);

    const since = await callRoute(db, commentsLoader, pageGet(`/square/${postId}/comments?since=0`, reader.cookie), {
      board: "square",
      postId: String(postId),
    });
    const fresh = ofKind(payloadOf(since), "since").comments;
    expect(fresh.filter((c) => c.authorBlocked).map((c) => c.id)).toEqual([thread, blockedReply]);

    const othersView = payloadOf(await readPost(named, postId, postAuthor.cookie)).comments.threads[0];
    expect(othersView).toMatchObject({ authorBlocked: false, authorName: blocked.username });
  });

  it("leaves the author's posts out of the blocker's scraps, and keeps the scraps", async () => {
    const [author, reader] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    await addScrap(db, reader.id, postId);
    await block(named, postId, reader);
    expect(await listScraps(db, { id: reader.id, role: "member" }, { titleQuery: "", page: 1 })).toMatchObject({
      scraps: [],
      total: 0,
    });
    const [row] = await blockRows(reader.id);
    await callRoute(
      db,
      blocksAction,
      formPost("/settings/blocks", { intent: "unblock", blockId: String(row.id) }, reader.cookie),
    );
    expect((await listScraps(db, { id: reader.id, role: "member" }, { titleQuery: "", page: 1 })).total).toBe(1);
  });

  it("tells the blocked member nothing: their own pages are the same", async () => {
    const [author, reader] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    await newComment(postId, author.id);
    const before = payloadOf(await readPost(named, postId, author.cookie));
    await block(named, postId, reader);
    const after = payloadOf(await readPost(named, postId, author.cookie));
    expect({ ...after, post: { ...after.post, viewCount: 0 } }).toEqual({
      ...before,
      list: { ...before.list, now: after.list.now },
      post: { ...before.post, viewCount: 0 },
    });
  });
});

describe("the block list at /settings/blocks", () => {
  it("names a block made on an anonymous board by its item only, in the data and nowhere else", async () => {
    const [author, reader] = [await newMember("hidden"), await newMember()];
    const postId = await createTestPost(db, anonymous, { authorId: author.id, title: "익명 글" });
    // Written while the board was anonymous, as the app's own createPost would mark it.
    await db.updateTable("posts").set({ is_anonymous: 1 }).where("id", "=", postId).execute();
    const commentId = await newComment(postId, author.id);
    await block(anonymous, postId, reader, { commentId: String(commentId) });
    // Blocking from the post too changes nothing: the author is already blocked.
    await block(anonymous, postId, reader);

    const list = payloadOf(await blockList(reader));
    expect(list.total).toBe(1);
    expect(list.blocks).toEqual([
      {
        id: expect.any(Number),
        postId,
        commentId,
        snapshot: `${author.id}의 댓글`,
        createdAt: expect.any(Number),
        boardSlug: "secret",
        boardName: "secret 게시판",
        username: null,
        postDeleted: false,
      },
    ]);
    const everything = JSON.stringify(list);
    expect(everything).not.toContain(author.username);
    expect(everything).not.toMatch(/blocked_?id|authorId/i);

    const page = payloadOf(await readPost(anonymous, postId, reader.cookie));
    const pageJson = JSON.stringify(page);
    expect(pageJson).not.toContain(author.username);
    expect(pageJson).not.toMatch(/blocked_?id|authorId/i);
    expect(page.comments.threads[0]).toMatchObject({ authorBlocked: true, authorName: "" });
  });

  it("goes by the item's own anonymity: a post written while its board was anonymous stays unnamed", async () => {
    const [author, reader] = [await newMember("formerly"), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id, title: "예전 익명 글" });
    await db.updateTable("posts").set({ is_anonymous: 1 }).where("id", "=", postId).execute();
    await block(named, postId, reader);
    const list = payloadOf(await blockList(reader));
    expect(list.blocks).toMatchObject([{ postId, username: null, snapshot: "예전 익명 글" }]);
    expect(JSON.stringify(list)).not.toContain(author.username);
  });

  it("shows the username of a block made on a named board, with the post it was made from", async () => {
    const [author, reader] = [await newMember("named"), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id, title: "실명 글 ".repeat(20) });
    await block(named, postId, reader);
    const [entry] = payloadOf(await blockList(reader)).blocks;
    expect(entry).toMatchObject({ postId, commentId: null, username: author.username, boardSlug: "square" });
    expect(Array.from(entry.snapshot)).toHaveLength(60);
    expect(entry.snapshot.endsWith("…")).toBe(true);
  });

  it("undoes a block, with a redirect back or in place, and only the member's own", async () => {
    const [author, second, reader, stranger] = [
      await newMember(),
      await newMember(),
      await newMember(),
      await newMember(),
    ];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const secondPost = await createTestPost(db, named, { authorId: second.id });
    await block(named, postId, reader);
    await block(named, secondPost, reader);
    const [newest, oldest] = payloadOf(await blockList(reader)).blocks;

    const unblock = (member: Member, blockId: number, extra: Record<string, string> = {}) =>
      callRoute(
        db,
        blocksAction,
        formPost("/settings/blocks?page=1", { intent: "unblock", blockId: String(blockId), ...extra }, member.cookie),
      );
    expect((await unblock(stranger, newest.id)).status).toBe(404);
    const redirected = await unblock(reader, newest.id);
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get("Location")).toBe("/settings/blocks?page=1&unblocked=1");
    expect((await unblock(reader, newest.id)).status).toBe(404);
    const inPlace = await unblock(reader, oldest.id, { inPlace: "1" });
    expect(inPlace.data).toMatchObject({ intent: "unblock", fieldErrors: {}, accepted: "차단을 풀었습니다." });
    expect(await blockRows(reader.id)).toHaveLength(0);
    expect((await unblock(reader, 0)).status).toBe(400);
    expect(payloadOf(await readPost(named, postId, reader.cookie)).post.authorBlocked).toBe(false);
  });

  it("is for members only", async () => {
    const answer = await callRoute(db, blocksPage, pageGet("/settings/blocks"));
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("the limit of blocks", () => {
  it(`refuses the ${BLOCK_LIMIT + 1}st block with 400, counts exactly under concurrent blocks, and still takes a repeat`, async () => {
    const reader = await newMember("collector");
    const board = await createTestBoard(db, `cap${++count}`);
    const authorIds = (
      await db
        .insertInto("users")
        .values(
          Array.from({ length: BLOCK_LIMIT + 5 }, (_, i) => ({
            username: `cap${count}x${i}`,
            password_hash: "!test",
            created_at: 0,
          })),
        )
        .returning("id")
        .execute()
    ).map((row) => row.id);
    const posts: number[] = [];
    for (const authorId of authorIds.slice(BLOCK_LIMIT - 3)) posts.push(await createTestPost(db, board, { authorId }));
    await db
      .insertInto("blocks")
      .values(
        authorIds.slice(0, BLOCK_LIMIT - 3).map((blockedId) => ({
          blocker_id: reader.id,
          blocked_id: blockedId,
          post_id: posts[0],
          snapshot: "글",
          created_at: 0,
        })),
      )
      .execute();

    // Eight blocks of different authors at once with room for three: exactly three go through.
    const answers = await Promise.all(posts.slice(0, 8).map((postId) => block(board, postId, reader)));
    expect(answers.filter((a) => a.status === 303)).toHaveLength(3);
    const refused = answers.filter((a) => a.status === 400);
    expect(refused).toHaveLength(5);
    expect(payloadOf(refused[0]).fieldErrors.form).toMatch(/^차단은 1,000명까지 할 수 있습니다/);
    expect(await blockRows(reader.id)).toHaveLength(BLOCK_LIMIT);

    const alreadyBlocked = answers.findIndex((a) => a.status === 303);
    expect((await block(board, posts[alreadyBlocked], reader)).status).toBe(303);
    expect(await blockRows(reader.id)).toHaveLength(BLOCK_LIMIT);
  });
});
