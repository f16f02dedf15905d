import { addComment } from "~/models/comments.server";
import { MY_ITEMS_PER_PAGE } from "~/models/my-items.server";
import { BLINDED_POST_TEXT } from "~/models/blinding";
import { loader as myPage } from "~/routes/me";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let named: TestBoard;
let anonymous: TestBoard;

beforeAll(async () => {
  named = await createTestBoard(db, "square", [{ slug: "news", name: "기사/뉴스" }]);
  anonymous = await createTestBoard(db, "secret");
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymous.id).execute();
});

async function member(username: string) {
  const id = await createUser(db, username);
  return { id, cookie: await sessionCookieFor(db, id) };
}

async function comment(postId: number, authorId: number, body: string) {
  const added = await addComment(db, { postId, authorId, body, parentId: null });
  if (!added.ok) throw new Error("comment not added");
  return added.commentId;
}

function openMyPage(query: string, cookie?: string) {
  return callRoute(db, myPage, pageGet(`/me${query}`, cookie));
}

describe("/me", () => {
  it("sends a logged-out reader to the login page, which comes back here", async () => {
    const answer = await openMyPage("?tab=comments");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/me?tab=comments" })}`);
  });

  it("lists my own live posts newest first, those on anonymous boards included, and no one else's", async () => {
    const me = await member("me-posts");
    const other = await member("other-posts");
    const first = await createTestPost(db, named, { authorId: me.id, title: "첫 글", category: "news" });
    const hidden = await createTestPost(db, anonymous, { authorId: me.id, title: "익명으로 쓴 글" });
    await db.updateTable("posts").set({ is_anonymous: 1 }).where("id", "=", hidden).execute();
    const deleted = await createTestPost(db, named, { authorId: me.id, title: "지운 글" });
    await db.updateTable("posts").set({ deleted_at: Date.now() }).where("id", "=", deleted).execute();
    const blinded = await createTestPost(db, named, { authorId: me.id, title: "가려진 내 글" });
    await db.updateTable("posts").set({ blinded_at: Date.now() }).where("id", "=", blinded).execute();
    await createTestPost(db, named, { authorId: other.id, title: "남의 글" });

    const mine = payloadOf(await openMyPage("", me.cookie));
    if (mine.tab !== "posts") throw new Error("expected my posts");
    expect(mine.total).toBe(3);
    expect(mine.posts.map((p) => [p.title, p.boardName, p.isAnonymous, p.blinding])).toEqual([
      ["가려진 내 글", "square 게시판", false, "shown"],
      ["익명으로 쓴 글", "secret 게시판", true, "none"],
      ["첫 글", "square 게시판", false, "none"],
    ]);
    expect(mine.posts.map((p) => p.id)).toEqual([blinded, hidden, first]);

    // The other member's page holds only their own post: nothing of mine, anonymous or not.
    const theirs = payloadOf(await openMyPage("", other.cookie));
    if (theirs.tab !== "posts") throw new Error("expected their posts");
    expect(theirs.posts.map((p) => p.title)).toEqual(["남의 글"]);
    expect(JSON.stringify(theirs)).not.toContain("익명으로 쓴 글");
  });

  it("lists my comments with the post each belongs to, anonymous boards included", async () => {
    const me = await member("me-comments");
    const other = await member("other-comments");
    const post = await createTestPost(db, named, { authorId: other.id, title: "남의 글" });
    const secretPost = await createTestPost(db, anonymous, { authorId: other.id, title: "익명 게시판 글" });
    const blindedPost = await createTestPost(db, named, { authorId: other.id, title: "가려진 남의 글" });
    const onPost = await comment(post, me.id, "첫 댓글");
    const onSecret = await comment(secretPost, me.id, "익명 댓글");
    const onBlinded = await comment(blindedPost, me.id, "가려진 글에 단 댓글");
    await db.updateTable("posts").set({ blinded_at: Date.now() }).where("id", "=", blindedPost).execute();
    const deletedComment = await comment(post, me.id, "지운 댓글");
    await db.updateTable("comments").set({ deleted_at: Date.now() }).where("id", "=", deletedComment).execute();
    await comment(post, other.id, "남의 댓글");

    const mine = payloadOf(await openMyPage("?tab=comments", me.cookie));
    if (mine.tab !== "comments") throw new Error("expected my comments");
    expect(mine.total).toBe(3);
    expect(mine.comments.map((c) => [c.id, c.excerpt, c.postId, c.postTitle, c.isAnonymous])).toEqual([
      [onBlinded, "가려진 글에 단 댓글", blindedPost, BLINDED_POST_TEXT, false],
      [onSecret, "익명 댓글", secretPost, "익명 게시판 글", true],
      [onPost, "첫 댓글", post, "남의 글", false],
    ]);

    const theirs = payloadOf(await openMyPage("?tab=comments", other.cookie));
    if (theirs.tab !== "comments") throw new Error("expected their comments");
    expect(theirs.comments.map((c) => c.excerpt)).toEqual(["남의 댓글"]);
  });

  it("links each comment to the post page with enough threads shown for it to be there", async () => {
    const me = await member("me-late-comment");
    const other = await member("other-busy-post");
    const post = await createTestPost(db, named, { authorId: other.id, title: "댓글 많은 글" });
    const first = await comment(post, other.id, "첫 댓글");
    for (let n = 2; n <= 24; n++) await comment(post, other.id, `댓글 ${n}`);
    const late = await comment(post, me.id, "스물다섯째 댓글");
    const reply = await addComment(db, { postId: post, authorId: me.id, body: "첫 댓글에 답글", parentId: first });
    if (!reply.ok) throw new Error("reply not added");

    const mine = payloadOf(await openMyPage("?tab=comments", me.cookie));
    if (mine.tab !== "comments") throw new Error("expected my comments");
    expect(mine.comments.map((c) => c.href)).toEqual([
      `/square/${post}?comments=20#comment-${reply.commentId}`,
      `/square/${post}?comments=40#comment-${late}`,
    ]);
  });

  it("pages 20 at a time and answers odd page numbers with the first or the last page", async () => {
    const me = await member("me-pages");
    for (let i = 0; i < MY_ITEMS_PER_PAGE + 3; i++)
      await createTestPost(db, named, { authorId: me.id, title: `글 ${i}` });
    const second = payloadOf(await openMyPage("?page=2", me.cookie));
    if (second.tab !== "posts") throw new Error("expected my posts");
    expect(second.pageCount).toBe(2);
    expect(second.posts.map((p) => p.title)).toEqual(["글 2", "글 1", "글 0"]);
    for (const odd of ["0", "-1", "x", "1e308", "999", "99999999999999999999"]) {
      const answer = await openMyPage(`?page=${odd}`, me.cookie);
      expect(answer.status, odd).toBe(200);
      expect([1, 2], odd).toContain(payloadOf(answer).page);
    }
    const empty = payloadOf(await openMyPage("?tab=comments&page=7", me.cookie));
    expect([empty.page, empty.pageCount, empty.total]).toEqual([1, 1, 0]);
  });
});
