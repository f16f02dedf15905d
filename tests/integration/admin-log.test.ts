import type { AdminAction } from "#db/types";
import { ADMIN_ACTIONS_PER_PAGE, recordAdminAction } from "~/models/admin-log.server";
import { addComment } from "~/models/comments.server";
import { reportItem } from "~/models/reports.server";
import { action as postAction } from "~/routes/$board.$postId";
import { action as boardsAction } from "~/routes/admin.boards";
import { action as boardAction, loader as boardLoader } from "~/routes/admin.boards_.$slug";
import { loader as logLoader } from "~/routes/admin.log";
import { action as queueAction } from "~/routes/admin.reports";
import { action as noticesAction } from "~/routes/notices";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let board: TestBoard;
let memberId: number;
let memberCookie: string;
let adminId: number;
let adminCookie: string;
let reporterId: number;

beforeAll(async () => {
  board = await createTestBoard(db, "square");
  memberId = await createUser(db, "member");
  memberCookie = await sessionCookieFor(db, memberId);
  adminId = await createUser(db, "boss", "admin");
  adminCookie = await sessionCookieFor(db, adminId);
  reporterId = await createUser(db, "reporter");
});

async function lineCount() {
  const { n } = await db
    .selectFrom("admin_actions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Runs the request and checks it wrote exactly one log line, of this action, by the admin; returns that line. */
async function expectOneLine(action: AdminAction, request: () => Promise<{ status: number }>) {
  const before = await lineCount();
  const answer = await request();
  expect(answer.status).toBe(303);
  expect(await lineCount()).toBe(before + 1);
  const line = await db.selectFrom("admin_actions").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
  expect(line).toMatchObject({ action, admin_id: adminId });
  return line;
}

async function expectNoLine(request: () => Promise<{ status: number }>, status = 303) {
  const before = await lineCount();
  expect((await request()).status).toBe(status);
  expect(await lineCount()).toBe(before);
}

const onPost =
  (postId: number, fields: Record<string, string>, cookie = adminCookie) =>
  () =>
    callRoute(db, postAction, formPost(`/square/${postId}`, fields, cookie), {
      board: "square",
      postId: String(postId),
    });
const onBoard = (slug: string, fields: Record<string, string>) => () =>
  callRoute(db, boardAction, formPost(`/admin/boards/${slug}`, fields, adminCookie), { slug });
const onQueue = (fields: Record<string, string>) => () =>
  callRoute(db, queueAction, formPost("/admin/reports", fields, adminCookie));

describe("every admin action writes one line of the audit log", () => {
  it("deleting someone else's post or comment; deleting one's own writes nothing", async () => {
    const postId = await createTestPost(db, board, { authorId: memberId, title: "회원의 글" });
    const comment = await addComment(db, { postId, authorId: memberId, body: "회원의 댓글", parentId: null });
    const own = await addComment(db, { postId, authorId: adminId, body: "관리자의 댓글", parentId: null });
    if (!comment.ok || !own.ok) throw new Error("comment not added");

    await expectNoLine(onPost(postId, { intent: "delete-comment", commentId: String(own.commentId) }));
    const commentLine = await expectOneLine(
      "delete_comment",
      onPost(postId, { intent: "delete-comment", commentId: String(comment.commentId) }),
    );
    expect(commentLine).toMatchObject({ target_kind: "comment", target_id: comment.commentId, summary: "회원의 댓글" });
    const postLine = await expectOneLine("delete_post", onPost(postId, { intent: "delete" }));
    expect(postLine).toMatchObject({ target_kind: "post", target_id: postId, summary: "회원의 글" });

    await expectNoLine(onPost(await createTestPost(db, board, { authorId: adminId }), { intent: "delete" }));
    await expectNoLine(
      onPost(await createTestPost(db, board, { authorId: memberId }), { intent: "delete" }, memberCookie),
    );
  });

  it("adding, moving and removing notices", async () => {
    const first = await createTestPost(db, board, { authorId: memberId, title: "첫 공지" });
    const second = await createTestPost(db, board, { authorId: memberId, title: "둘째 공지" });
    const added = await expectOneLine("add_notice", onPost(first, { intent: "add-notice", scope: "board" }));
    expect(added).toMatchObject({ target_kind: "post", target_id: first, summary: "첫 공지", reason: "게시판 공지" });
    await expectOneLine("add_notice", onPost(second, { intent: "add-notice", scope: "global" }));
    await expectOneLine("remove_notice", onPost(second, { intent: "remove-notice" }));
    await expectOneLine("add_notice", onPost(second, { intent: "add-notice", scope: "board" }));

    const move = (postId: number, direction: string) => () =>
      callRoute(
        db,
        noticesAction,
        formPost("/notices", { intent: "move", postId: String(postId), direction }, adminCookie),
      );
    const moved = await expectOneLine("move_notice", move(first, "up"));
    expect(moved).toMatchObject({ target_id: first, reason: "위로" });
    await expectNoLine(move(first, "up"), 400);
    await expectOneLine("remove_notice", () =>
      callRoute(db, noticesAction, formPost("/notices", { intent: "remove", postId: String(first) }, adminCookie)),
    );
  });

  it("creating and editing boards and categories; refused forms write nothing", async () => {
    const created = await expectOneLine("create_board", () =>
      callRoute(db, boardsAction, formPost("/admin/boards", { slug: "books", name: "책" }, adminCookie)),
    );
    expect(created).toMatchObject({ target_kind: "board", summary: "책", reason: "/books, 실명 게시판" });
    await expectNoLine(
      () => callRoute(db, boardsAction, formPost("/admin/boards", { slug: "books", name: "또 책" }, adminCookie)),
      400,
    );

    const edited = await expectOneLine(
      "edit_board",
      onBoard("books", { intent: "update-board", name: "책 이야기", isAnonymous: "1", reportThreshold: "7" }),
    );
    expect(edited).toMatchObject({ target_id: created.target_id, reason: "익명 게시판, 신고 기준 7명" });
    const category = await expectOneLine(
      "create_category",
      onBoard("books", { intent: "add-category", slug: "novel", name: "소설", position: "1" }),
    );
    expect(category).toMatchObject({ target_kind: "category", summary: "소설" });
    await expectOneLine(
      "edit_category",
      onBoard("books", {
        intent: "update-category",
        categoryId: String(category.target_id),
        slug: "novel",
        name: "장편 소설",
        position: "2",
      }),
    );
    await expectNoLine(onBoard("books", { intent: "add-category", slug: "novel", name: "중복", position: "1" }), 400);
  });

  it("keeping blinded, restoring and deleting from the report queue", async () => {
    const postIds = await Promise.all([1, 2, 3].map(() => createTestPost(db, board, { authorId: memberId })));
    for (const postId of postIds) {
      await reportItem(db, { item: { kind: "post", postId }, reporterId, reason: "spam", detail: "" });
    }
    const [kept, restored, deleted] = postIds;
    await expectOneLine("keep_blinded", onQueue({ intent: "keep", postId: String(kept), reason: "광고" }));
    await expectOneLine("restore", onQueue({ intent: "restore", postId: String(restored) }));
    const line = await expectOneLine(
      "delete_post",
      onQueue({ intent: "delete", postId: String(deleted), reason: "음란" }),
    );
    expect(line).toMatchObject({ target_id: deleted, reason: "음란" });
  });
});

describe("the report threshold on /admin/boards/<slug>", () => {
  it("is shown, and refuses anything but a whole number from 1 to 1000 with the input kept", async () => {
    await createTestBoard(db, "talk");
    const page = payloadOf(
      await callRoute(db, boardLoader, pageGet("/admin/boards/talk", adminCookie), { slug: "talk" }),
    );
    expect(page.board.reportThreshold).toBe(5);
    for (const value of ["0", "1001", "abc", "-3", "2.5"]) {
      const before = await lineCount();
      const answer = await onBoard("talk", { intent: "update-board", name: "잡담", reportThreshold: value })();
      expect(answer.status).toBe(400);
      const failed = payloadOf(answer);
      expect(failed.fieldErrors.reportThreshold).toBe("신고 기준은 1부터 1000 사이의 숫자여야 합니다.");
      expect(failed.values.reportThreshold).toBe(value);
      expect(await lineCount()).toBe(before);
    }
    await onBoard("talk", { intent: "update-board", name: "잡담", reportThreshold: "1000" })();
    const threshold = await db
      .selectFrom("boards")
      .select("report_threshold")
      .where("slug", "=", "talk")
      .executeTakeFirstOrThrow();
    expect(threshold.report_threshold).toBe(1000);
  });
});

describe("/admin/log", () => {
  const logPage = (path: string, cookie?: string) => callRoute(db, logLoader, pageGet(path, cookie));

  it("is for admins only", async () => {
    expect((await logPage("/admin/log", memberCookie)).status).toBe(403);
    expect((await logPage("/admin/log")).status).toBe(303);
  });

  it("shows who did what to which target, newest first, with a link while the target exists", async () => {
    const live = await createTestPost(db, board, { authorId: memberId, title: "살아 있는 글" });
    const gone = await createTestPost(db, board, { authorId: memberId, title: "지워질 글" });
    await onPost(live, { intent: "add-notice", scope: "board" })();
    await onPost(gone, { intent: "delete" })();
    const { entries } = payloadOf(await logPage("/admin/log", adminCookie));
    expect(entries.slice(0, 2)).toMatchObject([
      { adminName: "boss", action: "delete_post", targetKind: "post", summary: "지워질 글", targetHref: null },
      {
        adminName: "boss",
        action: "add_notice",
        summary: "살아 있는 글",
        reason: "게시판 공지",
        targetHref: `/square/${live}`,
      },
    ]);
    const boardLine = entries.find((e) => e.action === "create_board");
    expect(boardLine?.targetHref).toBe("/admin/boards/books");
  });

  it("is paginated", async () => {
    const total = await lineCount();
    const toAdd = ADMIN_ACTIONS_PER_PAGE * 2 - total + 1;
    for (let i = 0; i < toAdd; i++) {
      await recordAdminAction(db, {
        adminId,
        action: "edit_board",
        targetKind: "board",
        targetId: board.id,
        summary: `기록 ${i}`,
      });
    }
    const first = payloadOf(await logPage("/admin/log", adminCookie));
    expect(first).toMatchObject({ page: 1, pageCount: 3 });
    expect(first.entries[0].summary).toBe(`기록 ${toAdd - 1}`);
    const last = payloadOf(await logPage("/admin/log?page=3", adminCookie));
    expect(last.entries.length).toBe(1);
    expect(payloadOf(await logPage("/admin/log?page=99", adminCookie)).page).toBe(3);
  });
});
