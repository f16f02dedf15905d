import { seedDemoData } from "#db/seed";
import { COMMENT_FORM_MAX_BYTES, COMMENT_MAX_LENGTH } from "~/lib/input-limits";
import {
  addComment,
  commentContextFor,
  countThreadsThrough,
  deleteComment,
  listCommentsSince,
  listCommentThreads,
} from "~/models/comments.server";
import { ANONYMOUS_NAME } from "~/models/permissions";
import { createPost, deletePost, getPost } from "~/models/posts.server";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createUser,
  formPost,
  ofKind,
  pageGet,
  payloadOf,
  sessionCookieFor,
} from "./support/board-fixtures";

// These tests write many posts and comments quickly; the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();

const KAKAO_POST_ID = 399629;
const KAKAO_COMMENTS = 45;
// Three of the Kakao post's 45 seeded comments are replies.
const KAKAO_THREADS = 42;

interface Member {
  id: number;
  cookie: string;
}

let author: Member;
let reader: Member;
let admin: Member;
let squareBoardId: number;
let talkBoardId: number;

async function member(username: string, role: "member" | "admin" = "member"): Promise<Member> {
  const id = await createUser(db, username, role);
  return { id, cookie: await sessionCookieFor(db, id) };
}

beforeAll(async () => {
  await seedDemoData(db);
  author = await member("poster");
  reader = await member("reader");
  admin = await member("boss", "admin");
  const boards = await db.selectFrom("boards").select(["id", "slug"]).execute();
  squareBoardId = boards.find((b) => b.slug === "square")!.id;
  talkBoardId = boards.find((b) => b.slug === "talk")!.id;
});

async function newPost(boardId = squareBoardId): Promise<number> {
  const created = await createPost(db, {
    boardId,
    authorId: author.id,
    categoryId: null,
    title: "댓글 받을 글",
    bodyMd: "본문",
  });
  if (!created.ok) throw new Error("post not created");
  return created.postId;
}

async function slugOf(postId: number): Promise<string> {
  const row = await db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .select("boards.slug")
    .where("posts.id", "=", postId)
    .executeTakeFirst();
  return row?.slug ?? "square";
}

async function postTo(postId: number, fields: Record<string, string>, cookie?: string) {
  const board = await slugOf(postId);
  return callRoute(db, postAction, formPost(`/${board}/${postId}`, fields, cookie), { board, postId: String(postId) });
}

function comment(postId: number, body: string, cookie: string, parentId?: number) {
  const fields: Record<string, string> = { intent: "comment", body };
  if (parentId !== undefined) fields.parentId = String(parentId);
  return postTo(postId, fields, cookie);
}

/** Adds a comment through the action and returns its id, read from the redirect's #comment-<id>. */
async function commentId(postId: number, body: string, cookie: string, parentId?: number): Promise<number> {
  const answer = await comment(postId, body, cookie, parentId);
  expect(answer.status).toBe(303);
  return Number(/#comment-(\d+)$/.exec(answer.headers.get("Location") ?? "")![1]);
}

function deleteCommentRequest(postId: number, id: number | string, cookie: string) {
  return postTo(postId, { intent: "delete-comment", commentId: String(id) }, cookie);
}

async function loadComments(postId: number, search: string, cookie?: string) {
  const board = await slugOf(postId);
  return callRoute(db, commentsLoader, pageGet(`/${board}/${postId}/comments${search}`, cookie), {
    board,
    postId: String(postId),
  });
}

async function viewPost(postId: number, search = "", cookie?: string) {
  const board = await slugOf(postId);
  return callRoute(db, postPage, pageGet(`/${board}/${postId}${search}`, cookie), { board, postId: String(postId) });
}

async function storedComment(id: number) {
  return db
    .selectFrom("comments")
    .select(["post_id", "parent_id", "author_id", "body", "deleted_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function commentRows(postId: number): Promise<number> {
  const { n } = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("post_id", "=", postId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** posts.comment_count must equal the post's live comments (replies included), and this many. */
async function expectCommentCount(postId: number, expected: number) {
  const post = await db.selectFrom("posts").select("comment_count").where("id", "=", postId).executeTakeFirstOrThrow();
  const { live } = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("live"))
    .where("post_id", "=", postId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  expect(post.comment_count).toBe(Number(live));
  expect(post.comment_count).toBe(expected);
}

describe("writing a comment", () => {
  it("stores it, counts it and redirects to it", async () => {
    const postId = await newPost();
    const answer = await comment(postId, "  첫 댓글  ", reader.cookie);
    expect(answer.status).toBe(303);
    const location = answer.headers.get("Location")!;
    const id = Number(/^\/square\/\d+\?comments=20#comment-(\d+)$/.exec(location)![1]);
    expect(location.startsWith(`/square/${postId}?`)).toBe(true);
    expect(await storedComment(id)).toEqual({
      post_id: postId,
      parent_id: null,
      author_id: reader.id,
      body: "첫 댓글",
      deleted_at: null,
    });
    await expectCommentCount(postId, 1);
  });

  it("links to the page of threads that shows the new comment", async () => {
    const postId = await newPost();
    const threadIds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const added = await addComment(db, { postId, authorId: author.id, body: `${i}`, parentId: null });
      if (added.ok) threadIds.push(added.commentId);
    }
    const answer = await comment(postId, "41번째 스레드", reader.cookie);
    expect(answer.headers.get("Location")).toMatch(new RegExp(`^/square/${postId}\\?comments=60#comment-\\d+$`));
    const reply = await comment(postId, "첫 스레드에 답글", reader.cookie, threadIds[0]);
    expect(reply.headers.get("Location")).toMatch(new RegExp(`^/square/${postId}\\?comments=20#comment-\\d+$`));
    const lastReply = await comment(postId, "스무째 스레드에 답글", reader.cookie, threadIds[20]);
    expect(lastReply.headers.get("Location")).toMatch(new RegExp(`^/square/${postId}\\?comments=40#comment-\\d+$`));
    await expectCommentCount(postId, 43);
  });

  it.each([
    ["an empty comment", "", "댓글 내용을 입력해 주세요."],
    ["a comment of spaces", "  \n ", "댓글 내용을 입력해 주세요."],
    ["a 2001-character comment", "가".repeat(COMMENT_MAX_LENGTH + 1), "댓글은 2000자 이하로 입력해 주세요."],
  ])("refuses %s with 400, a Korean message and the text kept", async (_name, body, message) => {
    const postId = await newPost();
    const answer = await comment(postId, body, reader.cookie);
    expect(answer.status).toBe(400);
    expect(answer.data).toEqual({ intent: "comment", values: { body, parentId: "" }, fieldErrors: { body: message } });
    expect(await commentRows(postId)).toBe(0);
    await expectCommentCount(postId, 0);
  });

  it("accepts 2000 characters, counted as people see them", async () => {
    const postId = await newPost();
    const id = await commentId(postId, "😀".repeat(COMMENT_MAX_LENGTH), reader.cookie);
    expect((await storedComment(id)).body).toBe("😀".repeat(COMMENT_MAX_LENGTH));
  });

  it.each(["abc", "-1", "0", "1.5", "99999999999999999999"])("refuses the parentId %j with 400", async (parentId) => {
    const postId = await newPost();
    const answer = await postTo(postId, { intent: "comment", body: "답글", parentId }, reader.cookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).values).toEqual({ body: "답글", parentId });
    expect(await commentRows(postId)).toBe(0);
  });

  it("answers 413 for an oversize request", async () => {
    const postId = await newPost();
    const answer = await comment(postId, "a".repeat(COMMENT_FORM_MAX_BYTES), reader.cookie);
    expect(answer.status).toBe(413);
    expect(await commentRows(postId)).toBe(0);
  });

  it("answers 404 on a deleted or missing post", async () => {
    const postId = await newPost();
    await deletePost(db, postId, { id: author.id, role: "member" });
    expect((await comment(postId, "늦은 댓글", reader.cookie)).status).toBe(404);
    expect(await commentRows(postId)).toBe(0);
    const missing = await callRoute(
      db,
      postAction,
      formPost("/square/987654321", { intent: "comment", body: "x" }, reader.cookie),
      {
        board: "square",
        postId: "987654321",
      },
    );
    expect(missing.status).toBe(404);
  });

  it("sends a logged-out reader to log in and writes nothing", async () => {
    const postId = await newPost();
    const answer = await postTo(postId, { intent: "comment", body: "익명" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: `/square/${postId}` })}`);
    expect(await commentRows(postId)).toBe(0);
  });

  it("refuses a cross-origin comment with 403 and writes nothing", async () => {
    const postId = await newPost();
    const request = formPost(`/square/${postId}`, { intent: "comment", body: "위조" }, reader.cookie);
    request.headers.set("Origin", "http://evil.example");
    const answer = await callRoute(db, postAction, request, { board: "square", postId: String(postId) });
    expect(answer.status).toBe(403);
    expect(await commentRows(postId)).toBe(0);
  });

  it("answers 400 to an unknown intent", async () => {
    const postId = await newPost();
    const answer = await postTo(postId, { intent: "bogus" }, reader.cookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors).toMatchObject({ form: "알 수 없는 요청입니다." });
  });
});

describe("replies", () => {
  it("stay one level deep: answering a reply joins its thread", async () => {
    const postId = await newPost();
    const root = await commentId(postId, "원댓글", reader.cookie);
    const reply = await commentId(postId, "답글", author.cookie, root);
    const replyToReply = await commentId(postId, "답글의 답글", reader.cookie, reply);
    expect((await storedComment(reply)).parent_id).toBe(root);
    expect((await storedComment(replyToReply)).parent_id).toBe(root);
    await expectCommentCount(postId, 3);

    const { threads } = (await viewPost(postId)).data.comments;
    expect(threads).toHaveLength(1);
    expect(threads[0].replies.map((r: { id: number }) => r.id)).toEqual([reply, replyToReply]);
  });

  it("cannot answer a comment of another post, or a deleted one", async () => {
    const postId = await newPost();
    const otherPost = await newPost();
    const elsewhere = await commentId(otherPost, "다른 글의 댓글", reader.cookie);
    const answer = await comment(postId, "엉뚱한 답글", reader.cookie, elsewhere);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors).toMatchObject({ body: "답글을 달 댓글이 없거나 삭제되었습니다." });
    expect(payloadOf(answer).values).toEqual({ body: "엉뚱한 답글", parentId: String(elsewhere) });

    const gone = await commentId(postId, "지울 댓글", reader.cookie);
    expect((await deleteCommentRequest(postId, gone, reader.cookie)).status).toBe(303);
    expect((await comment(postId, "늦은 답글", reader.cookie, gone)).status).toBe(400);
    expect(await commentRows(postId)).toBe(1);
    expect(await commentRows(otherPost)).toBe(1);
    await expectCommentCount(postId, 0);
  });
});

describe("deleting a comment", () => {
  it("leaves the author's comment in place without its text, and lowers comment_count", async () => {
    const postId = await newPost();
    const root = await commentId(postId, "지워질 댓글", reader.cookie);
    const reply = await commentId(postId, "남는 답글", author.cookie, root);
    const answer = await deleteCommentRequest(postId, root, reader.cookie);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/square/${postId}?comments=20#comment-${root}`);
    const stored = await storedComment(root);
    expect(stored.deleted_at).toEqual(expect.any(Number));
    expect(stored.body).toBe("지워질 댓글");
    await expectCommentCount(postId, 1);

    const [thread] = (await viewPost(postId, "", admin.cookie)).data.comments.threads;
    expect(thread).toMatchObject({ id: root, body: null, authorName: "", canDelete: false });
    expect(thread.replies).toEqual([expect.objectContaining({ id: reply, body: "남는 답글" })]);
  });

  it("returns to the deleted comment's page of threads, so it stays in view", async () => {
    const postId = await newPost();
    for (let i = 0; i < 25; i++) await addComment(db, { postId, authorId: author.id, body: `${i}`, parentId: null });
    const late = await commentId(postId, "26번째 스레드", reader.cookie);
    const [firstThread] = (await listCommentThreads(db, await contextOf(postId, null))).threads;
    const reply = await commentId(postId, "첫 스레드의 답글", reader.cookie, firstThread.id);
    expect((await deleteCommentRequest(postId, late, reader.cookie)).headers.get("Location")).toBe(
      `/square/${postId}?comments=40#comment-${late}`,
    );
    expect((await deleteCommentRequest(postId, reply, reader.cookie)).headers.get("Location")).toBe(
      `/square/${postId}?comments=20#comment-${reply}`,
    );
    const shown = (await viewPost(postId, "?comments=40")).data.comments.threads;
    expect(shown.find((t: { id: number }) => t.id === late)).toMatchObject({ body: null });
  });

  it("answers 403 to another member and changes nothing", async () => {
    const postId = await newPost();
    const id = await commentId(postId, "남의 댓글", reader.cookie);
    expect((await deleteCommentRequest(postId, id, author.cookie)).status).toBe(403);
    expect((await storedComment(id)).deleted_at).toBeNull();
    await expectCommentCount(postId, 1);
  });

  it("lets an admin delete anyone's comment, once", async () => {
    const postId = await newPost();
    const id = await commentId(postId, "관리자가 지울 댓글", reader.cookie);
    expect((await deleteCommentRequest(postId, id, admin.cookie)).status).toBe(303);
    expect((await storedComment(id)).deleted_at).not.toBeNull();
    await expectCommentCount(postId, 0);
    expect((await deleteCommentRequest(postId, id, admin.cookie)).status).toBe(404);
    await expectCommentCount(postId, 0);
  });

  it("answers 404 for a junk id or a comment of another post", async () => {
    const postId = await newPost();
    const otherPost = await newPost();
    const elsewhere = await commentId(otherPost, "다른 글", reader.cookie);
    expect((await deleteCommentRequest(postId, elsewhere, reader.cookie)).status).toBe(404);
    expect((await deleteCommentRequest(postId, "abc", reader.cookie)).status).toBe(404);
    expect((await deleteCommentRequest(postId, "", reader.cookie)).status).toBe(404);
    expect((await storedComment(elsewhere)).deleted_at).toBeNull();
    await expectCommentCount(otherPost, 1);
  });

  it("refuses a cross-origin delete", async () => {
    const postId = await newPost();
    const id = await commentId(postId, "지키는 댓글", reader.cookie);
    const request = formPost(`/square/${postId}`, { intent: "delete-comment", commentId: String(id) }, reader.cookie);
    request.headers.set("Origin", "http://evil.example");
    expect((await callRoute(db, postAction, request, { board: "square", postId: String(postId) })).status).toBe(403);
    expect((await storedComment(id)).deleted_at).toBeNull();
  });
});

describe("comment_count", () => {
  it("stays exact through a mix of comments, replies and deletions", async () => {
    const postId = await newPost();
    const a = await commentId(postId, "a", reader.cookie);
    const b = await commentId(postId, "b", author.cookie);
    const a1 = await commentId(postId, "a1", author.cookie, a);
    await commentId(postId, "a2", reader.cookie, a1);
    await expectCommentCount(postId, 4);
    await deleteCommentRequest(postId, a, reader.cookie);
    await expectCommentCount(postId, 3);
    await deleteCommentRequest(postId, a, reader.cookie);
    await deleteCommentRequest(postId, b, reader.cookie);
    await expectCommentCount(postId, 3);
    await deleteCommentRequest(postId, b, admin.cookie);
    await deleteCommentRequest(postId, a1, author.cookie);
    await expectCommentCount(postId, 1);
    await commentId(postId, "c", reader.cookie);
    await expectCommentCount(postId, 2);
    expect((await viewPost(postId)).data.post.commentCount).toBe(2);
  });
});

async function contextOf(postId: number, reader: Member | null, role: "member" | "admin" = "member") {
  const post = (await getPost(db, postId))!;
  return commentContextFor(post, reader ? { id: reader.id, role } : null);
}

describe("who comments are shown as", () => {
  it("on the anonymous square: 마당 손님, with 글쓴이 on the post author's comments; admins see usernames", async () => {
    const postId = await newPost();
    await commentId(postId, "독자", reader.cookie);
    await commentId(postId, "글쓴이 본인", author.cookie);

    const forMember = (await viewPost(postId, "", reader.cookie)).data.comments.threads;
    expect(forMember.map((c: { authorName: string; isPostAuthor: boolean }) => [c.authorName, c.isPostAuthor])).toEqual(
      [
        [ANONYMOUS_NAME, false],
        [ANONYMOUS_NAME, true],
      ],
    );
    expect(forMember.map((c: { canDelete: boolean }) => c.canDelete)).toEqual([true, false]);

    const forAdmin = (await viewPost(postId, "", admin.cookie)).data.comments.threads;
    expect(forAdmin.map((c: { authorName: string }) => c.authorName)).toEqual(["reader", "poster"]);
    expect(forAdmin.map((c: { canDelete: boolean }) => c.canDelete)).toEqual([true, true]);

    const loggedOut = ofKind((await loadComments(postId, "?since=0")).data, "since").comments;
    expect(loggedOut.map((c: { authorName: string }) => c.authorName)).toEqual([ANONYMOUS_NAME, ANONYMOUS_NAME]);
    expect(loggedOut.map((c: { canDelete: boolean }) => c.canDelete)).toEqual([false, false]);
  });

  it("on talk: usernames, still with 글쓴이", async () => {
    const postId = await newPost(talkBoardId);
    await commentId(postId, "토크 댓글", reader.cookie);
    await commentId(postId, "토크 글쓴이", author.cookie);
    const threads = (await viewPost(postId)).data.comments.threads;
    expect(threads.map((c: { authorName: string; isPostAuthor: boolean }) => [c.authorName, c.isPostAuthor])).toEqual([
      ["reader", false],
      ["poster", true],
    ]);
  });
});

describe("loading comments in place", () => {
  it("pages through the Kakao post's threads with ?after, and through the page with ?comments", async () => {
    const first = await viewPost(KAKAO_POST_ID);
    expect(first.data.comments.threads).toHaveLength(20);
    expect(first.data.comments.hasMore).toBe(true);

    const lastShown = first.data.comments.threads[19].id;
    const second = ofKind((await loadComments(KAKAO_POST_ID, `?after=${lastShown}`)).data, "after");
    expect(second).toMatchObject({ kind: "after", hasMore: true, commentCount: KAKAO_COMMENTS });
    expect(second.threads).toHaveLength(20);
    expect(second.threads[0].id).toBeGreaterThan(lastShown);

    const third = ofKind((await loadComments(KAKAO_POST_ID, `?after=${second.threads[19].id}`)).data, "after");
    expect(third.threads).toHaveLength(KAKAO_THREADS - 40);
    expect(third.hasMore).toBe(false);

    const allAtOnce = await viewPost(KAKAO_POST_ID, "?comments=60");
    const paged = [...first.data.comments.threads, ...second.threads, ...third.threads];
    expect(allAtOnce.data.comments.threads).toEqual(paged);
    expect(allAtOnce.data.comments.hasMore).toBe(false);
    const replies = paged.flatMap((t: { replies: unknown[] }) => t.replies);
    expect(paged.length + replies.length).toBe(KAKAO_COMMENTS);
  });

  it("answers ?since with every newer comment, replies included, oldest first", async () => {
    const postId = await newPost();
    const a = await commentId(postId, "a", reader.cookie);
    const b = await commentId(postId, "b", reader.cookie);
    const reply = await commentId(postId, "a에 답글", author.cookie, a);
    const since = (await loadComments(postId, `?since=${a}`, reader.cookie)).data;
    expect(since.kind).toBe("since");
    expect(since.commentCount).toBe(3);
    expect(
      ofKind(since, "since").comments.map((c: { id: number; parentId: number | null }) => [c.id, c.parentId]),
    ).toEqual([
      [b, null],
      [reply, a],
    ]);
    expect(ofKind((await loadComments(postId, `?since=${reply}`)).data, "since").comments).toEqual([]);
    expect(ofKind((await loadComments(postId, "?since=junk")).data, "since").comments).toHaveLength(3);
    expect(ofKind((await loadComments(postId, "?after=junk")).data, "after").threads).toHaveLength(2);
  });

  it("answers 404 for a deleted post, a missing one or the wrong board", async () => {
    const postId = await newPost();
    await deletePost(db, postId, { id: author.id, role: "member" });
    expect((await loadComments(postId, "?since=0")).status).toBe(404);
    const wrongBoard = await callRoute(db, commentsLoader, pageGet(`/talk/${KAKAO_POST_ID}/comments`), {
      board: "talk",
      postId: String(KAKAO_POST_ID),
    });
    expect(wrongBoard.status).toBe(404);
    const junk = await callRoute(db, commentsLoader, pageGet("/square/x/comments"), { board: "square", postId: "x" });
    expect(junk.status).toBe(404);
  });
});

describe("the forms a post page's address opens", () => {
  it("opens a reply or report form only for a comment on the page, and the post's with report=post", async () => {
    const opened = async (search: string) => {
      const answer = await viewPost(KAKAO_POST_ID, search, reader.cookie);
      expect({ search, status: answer.status }).toEqual({ search, status: 200 });
      return payloadOf(answer).opened;
    };
    const { threads } = payloadOf(await viewPost(KAKAO_POST_ID, "?comments=40", reader.cookie)).comments;
    const [first] = threads;
    const pastFirstPage = threads[20].id;
    const elsewhere = await db
      .selectFrom("comments")
      .select("id")
      .where("post_id", "!=", KAKAO_POST_ID)
      .executeTakeFirstOrThrow();

    expect(await opened(`?reply=${first.id}&report=${first.id}`)).toEqual({ reply: first.id, report: first.id });
    expect(await opened("?report=post")).toEqual({ reply: null, report: "post" });
    expect(await opened(`?comments=40&reply=${pastFirstPage}`)).toEqual({ reply: pastFirstPage, report: null });
    for (const value of [
      "abc",
      "0",
      "-1",
      "1e3",
      "99999999999999999999",
      String(pastFirstPage),
      String(elsewhere.id),
    ]) {
      expect(await opened(`?reply=${value}&report=${value}`)).toEqual({ reply: null, report: null });
    }
  });
});

describe("comment domain functions", () => {
  it("addComment refuses a deleted post and a missing parent", async () => {
    const postId = await newPost();
    expect(await addComment(db, { postId, authorId: reader.id, body: "x", parentId: 987654321 })).toEqual({
      ok: false,
      reason: "parent-not-found",
    });
    await deletePost(db, postId, { id: author.id, role: "admin" });
    expect(await addComment(db, { postId, authorId: reader.id, body: "x", parentId: null })).toEqual({
      ok: false,
      reason: "post-not-found",
    });
  });

  it("deleteComment checks the author in the query; countThreadsThrough counts top-level comments only", async () => {
    const postId = await newPost();
    const first = await addComment(db, { postId, authorId: reader.id, body: "1", parentId: null });
    const second = await addComment(db, { postId, authorId: reader.id, body: "2", parentId: null });
    if (!first.ok || !second.ok) throw new Error("comments not added");
    await addComment(db, { postId, authorId: author.id, body: "1-1", parentId: first.commentId });
    expect(await countThreadsThrough(db, postId, second.threadId)).toBe(2);
    expect(
      await deleteComment(db, { postId, commentId: first.commentId, editor: { id: author.id, role: "member" } }),
    ).toBe("forbidden");
    expect(
      await deleteComment(db, { postId, commentId: first.commentId, editor: { id: reader.id, role: "member" } }),
    ).toBe("done");
    const context = await contextOf(postId, reader);
    expect((await listCommentsSince(db, context, 0)).map((c) => c.body)).toEqual([null, "2", "1-1"]);
    expect((await listCommentThreads(db, context, { limit: 1 })).hasMore).toBe(true);
    await expectCommentCount(postId, 2);
  });
});
