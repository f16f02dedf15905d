import { listBoardNotices, listAllNotices, moveNotice, addNotice, removeNotice } from "~/models/notices.server";
import { action as postAction } from "~/routes/$board.$postId";
import { action as noticesAction, loader as noticesLoader } from "~/routes/notices";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  pageGet,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let square: TestBoard;
let talk: TestBoard;
let adminCookie: string;
let memberCookie: string;
let authorId: number;
let adminId: number;

beforeAll(async () => {
  adminId = await createUser(db, "admin", "admin");
  authorId = await createUser(db, "member");
  adminCookie = await sessionCookieFor(db, adminId);
  memberCookie = await sessionCookieFor(db, authorId);
  square = await createTestBoard(db, "square", [{ slug: "event", name: "이벤트" }]);
  talk = await createTestBoard(db, "talk");
});

beforeEach(async () => {
  await db.updateTable("posts").set({ notice_scope: "none", notice_order: 0 }).execute();
});

const titles = async (boardId: number) => (await listBoardNotices(db, boardId)).map((n) => n.title);

async function noticeState(postId: number) {
  return db
    .selectFrom("posts")
    .select(["notice_scope", "notice_order"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

describe("adding and removing notices", () => {
  it("shows a board notice on its own board only and a site-wide notice on every board, newest notice first", async () => {
    const boardNotice = await createTestPost(db, square, { authorId, title: "스퀘어 공지" });
    const siteNotice = await createTestPost(db, talk, { authorId, title: "전체 공지" });
    expect(await addNotice(db, boardNotice, "board", adminId)).toBe(true);
    expect(await addNotice(db, siteNotice, "global", adminId)).toBe(true);

    expect(await titles(square.id)).toEqual(["전체 공지", "스퀘어 공지"]);
    expect(await titles(talk.id)).toEqual(["전체 공지"]);

    expect(await removeNotice(db, siteNotice, adminId)).toBe(true);
    expect(await titles(square.id)).toEqual(["스퀘어 공지"]);
    expect(await titles(talk.id)).toEqual([]);
  });

  it("refuses posts that do not exist or were deleted", async () => {
    const deleted = await createTestPost(db, square, { authorId });
    await db.updateTable("posts").set({ deleted_at: Date.now() }).where("id", "=", deleted).execute();
    expect(await addNotice(db, deleted, "global", adminId)).toBe(false);
    expect(await addNotice(db, 999_999, "board", adminId)).toBe(false);
    expect(await removeNotice(db, 999_999, adminId)).toBe(false);
  });

  it("invalidates every board's cached list", async () => {
    const postId = await createTestPost(db, square, { authorId });
    const before = await db.selectFrom("boards").select(["id", "list_version"]).orderBy("id").execute();
    await addNotice(db, postId, "global", adminId);
    const after = await db.selectFrom("boards").select(["id", "list_version"]).orderBy("id").execute();
    expect(after.map((b) => b.list_version)).toEqual(before.map((b) => b.list_version + 1));
  });

  it("moves a notice within its group and stops at the ends", async () => {
    const [first, second, third] = [
      await createTestPost(db, square, { authorId, title: "첫째", notice: { scope: "board", order: 1 } }),
      await createTestPost(db, square, { authorId, title: "둘째", notice: { scope: "board", order: 2 } }),
      await createTestPost(db, square, { authorId, title: "셋째", notice: { scope: "board", order: 2 } }),
    ];
    // Equal orders list the newer post first: 셋째 before 둘째.
    expect(await titles(square.id)).toEqual(["첫째", "셋째", "둘째"]);
    expect(await moveNotice(db, second, "up", adminId)).toBe(true);
    expect(await titles(square.id)).toEqual(["첫째", "둘째", "셋째"]);
    expect(await moveNotice(db, first, "down", adminId)).toBe(true);
    expect(await titles(square.id)).toEqual(["둘째", "첫째", "셋째"]);
    expect(await moveNotice(db, second, "up", adminId)).toBe(false);
    expect(await moveNotice(db, third, "down", adminId)).toBe(false);
    expect(await moveNotice(db, await createTestPost(db, square, { authorId }), "up", adminId)).toBe(false);
  });

  it("lists every notice for /notices, site-wide ones first, then each board's", async () => {
    const squareNotice = await createTestPost(db, square, { authorId, title: "스퀘어 공지" });
    const talkNotice = await createTestPost(db, talk, { authorId, title: "토크 공지" });
    const siteNotice = await createTestPost(db, square, { authorId, title: "전체 공지" });
    await addNotice(db, squareNotice, "board", adminId);
    await addNotice(db, talkNotice, "board", adminId);
    await addNotice(db, siteNotice, "global", adminId);

    const { global, boards } = await listAllNotices(db);
    expect(global.map((n) => n.title)).toEqual(["전체 공지"]);
    expect(boards.map((b) => [b.slug, b.notices.map((n) => n.title)])).toEqual([
      ["square", ["스퀘어 공지"]],
      ["talk", ["토크 공지"]],
    ]);
  });
});

describe("who may change notices", () => {
  const changeNotice = (postId: number, fields: Record<string, string>, cookie?: string) =>
    callRoute(db, postAction, formPost(`/square/${postId}`, fields, cookie), {
      board: "square",
      postId: String(postId),
    });

  it("lets an admin add and remove a notice from the post page", async () => {
    const postId = await createTestPost(db, square, { authorId });
    expect((await changeNotice(postId, { intent: "add-notice", scope: "global" }, adminCookie)).status).toBe(303);
    expect((await noticeState(postId)).notice_scope).toBe("global");
    expect((await changeNotice(postId, { intent: "add-notice", scope: "everywhere" }, adminCookie)).status).toBe(400);
    expect((await changeNotice(postId, { intent: "remove-notice" }, adminCookie)).status).toBe(303);
    expect((await noticeState(postId)).notice_scope).toBe("none");
  });

  it("answers 403 to members and sends logged-out readers to log in, changing nothing", async () => {
    const postId = await createTestPost(db, square, { authorId, notice: { scope: "board", order: 4 } });
    expect((await changeNotice(postId, { intent: "add-notice", scope: "global" }, memberCookie)).status).toBe(403);
    expect((await changeNotice(postId, { intent: "remove-notice" }, memberCookie)).status).toBe(403);
    const loggedOut = await changeNotice(postId, { intent: "remove-notice" });
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await noticeState(postId)).toEqual({ notice_scope: "board", notice_order: 4 });
  });

  it("lets only admins reorder and remove notices on /notices", async () => {
    const [upper, lower] = [
      await createTestPost(db, square, { authorId, title: "위", notice: { scope: "global", order: 1 } }),
      await createTestPost(db, square, { authorId, title: "아래", notice: { scope: "global", order: 2 } }),
    ];
    const move = { intent: "move", postId: String(lower), direction: "up" };
    expect((await callRoute(db, noticesAction, formPost("/notices", move, memberCookie))).status).toBe(403);
    expect(await titles(square.id)).toEqual(["위", "아래"]);

    expect((await callRoute(db, noticesAction, formPost("/notices", move, adminCookie))).status).toBe(303);
    expect(await titles(square.id)).toEqual(["아래", "위"]);
    const bad = { intent: "move", postId: String(lower), direction: "sideways" };
    expect((await callRoute(db, noticesAction, formPost("/notices", bad, adminCookie))).status).toBe(400);
    const remove = { intent: "remove", postId: String(upper) };
    expect((await callRoute(db, noticesAction, formPost("/notices", remove, adminCookie))).status).toBe(303);
    expect(await titles(square.id)).toEqual(["아래"]);

    const page = await callRoute(db, noticesLoader, pageGet("/notices"));
    expect(page.data.isAdmin).toBe(false);
    expect(page.data.global.map((n: { title: string }) => n.title)).toEqual(["아래"]);
  });
});
