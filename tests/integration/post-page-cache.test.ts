import { createRequestHandler } from "@remix-run/node";
import * as entryServer from "~/entry.server";
import { BLINDED_COMMENT_TEXT } from "~/models/blinding";
import { addComment } from "~/models/comments.server";
import { deletePost, updatePost } from "~/models/posts.server";
import { keepBlinded } from "~/models/reports.server";
import { READER_COOKIE } from "~/models/views.server";
import { createTestDb } from "../helpers/db";
import {
  ORIGIN,
  createTestBoard,
  createTestPost,
  createUser,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";
import { buildFromSource } from "./support/in-process-server";

// The shared cache of logged-out post pages (app/server/list-page-cache.server.ts), called as server.js calls it,
// with the clock given so the 2-second window can be stepped through.
const db = createTestDb();
const WINDOW_MS = 2_000;
let handle: ReturnType<typeof createRequestHandler>;
let square: TestBoard;
let authorId: number;
let adminId: number;
let postId: number;
let clock: number;

beforeAll(async () => {
  handle = createRequestHandler(await buildFromSource(), "production");
  square = await createTestBoard(db, "square");
  authorId = await createUser(db, "writer");
  adminId = await createUser(db, "moderator", "admin");
});

beforeEach(async () => {
  postId = await createTestPost(db, square, { authorId, title: "처음 제목" });
  clock = Date.now();
});

/** The post page as a logged-out reader (or the member whose session cookie is given) gets it at `clock + atMs`. */
async function load(atMs: number, cookie?: string) {
  const request = new Request(`${ORIGIN}/square/${postId}`, { headers: cookie ? { Cookie: cookie } : {} });
  const response = await entryServer.serveListPage(db, request, () => handle(request, { db }), clock + atMs);
  return { status: response.status, body: await response.text(), cookies: response.headers.getSetCookie() };
}

describe("the logged-out post page cache", () => {
  it("serves a copy within the window, and the page as it is after it", async () => {
    expect((await load(0)).body).toContain("처음 제목");
    // A change made outside the app (a SQL shell) moves no version: only the window ends the copy.
    await db.updateTable("posts").set({ title: "밖에서 고친 제목" }).where("id", "=", postId).execute();
    expect((await load(WINDOW_MS - 100)).body).toContain("처음 제목");
    expect((await load(WINDOW_MS + 100)).body).toContain("밖에서 고친 제목");
  });

  it("shows a new comment on the next load, within the window and after it", async () => {
    await load(0);
    const added = await addComment(db, { postId, authorId, body: "새로 단 댓글", parentId: null });
    expect(added.ok).toBe(true);
    expect((await load(500)).body).toContain("새로 단 댓글");
    expect((await load(WINDOW_MS + 500)).body).toContain("새로 단 댓글");
  });

  it("drops the copy when the post is edited or deleted", async () => {
    await load(0);
    const editor = { id: authorId, role: "member" as const };
    expect(await updatePost(db, postId, editor, { categoryId: null, title: "고친 제목", bodyMd: "본문" })).toBe("done");
    expect((await load(100)).body).toContain("고친 제목");
    expect(await deletePost(db, postId, editor)).toBe("done");
    expect((await load(200)).status).toBe(404);
  });

  it("drops the copy when a comment on the post is blinded", async () => {
    const added = await addComment(db, { postId, authorId, body: "곧 가려질 댓글", parentId: null });
    if (!added.ok) throw new Error("comment not added");
    expect((await load(0)).body).toContain("곧 가려질 댓글");
    const item = { kind: "comment" as const, postId, commentId: added.commentId };
    expect(await keepBlinded(db, { item, adminId, reason: "욕설" })).toBe("done");
    const after = (await load(100)).body;
    expect(after).toContain(BLINDED_COMMENT_TEXT);
    expect(after).not.toContain("곧 가려질 댓글");
  });

  it("gives each logged-out reader without one their own reader cookie, from the copy too", async () => {
    const readerCookies = async (atMs: number) =>
      (await load(atMs)).cookies.filter((cookie) => cookie.startsWith(`${READER_COOKIE}=`));
    const [first, second, third] = [await readerCookies(0), await readerCookies(100), await readerCookies(200)];
    for (const cookies of [first, second, third]) expect(cookies).toHaveLength(1);
    expect(new Set([first[0], second[0], third[0]]).size).toBe(3);
  });

  it("never serves a member a copy", async () => {
    const cookie = await sessionCookieFor(db, await createUser(db, `member${postId}`));
    await load(0);
    await db.updateTable("posts").set({ title: "회원이 볼 제목" }).where("id", "=", postId).execute();
    const member = await load(100, cookie);
    expect(member.body).toContain("회원이 볼 제목");
    expect(member.cookies.filter((c) => c.startsWith(`${READER_COOKIE}=`))).toEqual([]);
  });
});
