import { addComment } from "~/models/comments.server";
import { reportItem, type ReportedItem } from "~/models/reports.server";
import { action as queueAction, loader as queueLoader } from "~/routes/admin.reports";
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
let authorId: number;
let adminId: number;
let adminCookie: string;
let memberCookie: string;
const reporters: number[] = [];

beforeAll(async () => {
  board = await createTestBoard(db, "square");
  authorId = await createUser(db, "author");
  adminId = await createUser(db, "boss", "admin");
  adminCookie = await sessionCookieFor(db, adminId);
  const memberId = await createUser(db, "member");
  memberCookie = await sessionCookieFor(db, memberId);
  for (let i = 0; i < 6; i++) reporters.push(await createUser(db, `reporter${i}`));
  await db.updateTable("boards").set({ report_threshold: 3 }).execute();
});

beforeEach(async () => {
  // Each test starts from an empty queue.
  await db.updateTable("reports").set({ reviewed_at: 1 }).execute();
});

async function reported(item: ReportedItem, reasons: [string, string?][], at = Date.now()) {
  for (const [i, [reason, detail]] of reasons.entries()) {
    const outcome = await reportItem(
      db,
      { item, reporterId: reporters[i], reason: reason as "spam", detail: detail ?? "" },
      at + i,
    );
    expect(outcome).toBe("reported");
  }
}

async function queue(cookie = adminCookie) {
  return callRoute(db, queueLoader, pageGet("/admin/reports", cookie));
}

function decide(intent: string, fields: Record<string, string>, cookie = adminCookie) {
  return callRoute(db, queueAction, formPost("/admin/reports", { intent, ...fields }, cookie));
}

async function postState(postId: number) {
  return db
    .selectFrom("posts")
    .select(["report_count", "blinded_at", "deleted_at"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

async function logLines() {
  return db
    .selectFrom("admin_actions")
    .select(["action", "target_kind", "target_id", "reason"])
    .orderBy("id")
    .execute();
}

describe("the report queue", () => {
  it("lists reported items, most reported first then most recent, with counts per reason and the details", async () => {
    const once = await createTestPost(db, board, { authorId, title: "한 번 신고된 글" });
    const twice = await createTestPost(db, board, { authorId, title: "두 번 신고된 글" });
    const commented = await createTestPost(db, board, { authorId, title: "댓글이 신고된 글" });
    const comment = await addComment(db, { postId: commented, authorId, body: "신고된 댓글입니다", parentId: null });
    if (!comment.ok) throw new Error("comment not added");
    await reported({ kind: "post", postId: twice }, [["spam"], ["other", "같은 글을 반복합니다"]], 1_000);
    await reported({ kind: "post", postId: once }, [["abuse"]], 2_000);
    await reported(
      { kind: "comment", postId: commented, commentId: comment.commentId },
      [["privacy", "전화번호"]],
      3_000,
    );

    const answer = await queue();
    expect(answer.status).toBe(200);
    const { items, total } = payloadOf(answer);
    expect(total).toBe(3);
    expect(items.map((i) => [i.postId, i.commentId])).toEqual([
      [twice, null],
      [commented, comment.commentId],
      [once, null],
    ]);
    expect(items[0]).toMatchObject({
      boardName: "square 게시판",
      title: "두 번 신고된 글",
      openCount: 2,
      reportCount: 2,
      threshold: 3,
      blinded: false,
      counts: [
        { reason: "spam", count: 1 },
        { reason: "other", count: 1 },
      ],
      details: [{ reason: "other", detail: "같은 글을 반복합니다" }],
    });
    expect(items[1]).toMatchObject({
      commentBody: "신고된 댓글입니다",
      details: [{ reason: "privacy", detail: "전화번호" }],
    });
  });

  it("is for admins only", async () => {
    expect((await queue(memberCookie)).status).toBe(403);
    const loggedOut = await callRoute(db, queueLoader, pageGet("/admin/reports"));
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Freports");
    const postId = await createTestPost(db, board, { authorId });
    await reported({ kind: "post", postId }, [["spam"]]);
    const refused = await decide("keep", { postId: String(postId) }, memberCookie);
    expect(refused.status).toBe(403);
    expect(await postState(postId)).toMatchObject({ blinded_at: null });
  });

  it("keeps an item blinded: blinds it if need be, and closes its reports until it is reported again", async () => {
    const postId = await createTestPost(db, board, { authorId });
    await reported({ kind: "post", postId }, [["spam"]]);
    const answer = await decide("keep", { postId: String(postId), reason: "광고 글" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe("/admin/reports");
    expect(await postState(postId)).toMatchObject({ report_count: 1, blinded_at: expect.any(Number) });
    expect(payloadOf(await queue()).items).toEqual([]);
    expect((await logLines()).at(-1)).toEqual({
      action: "keep_blinded",
      target_kind: "post",
      target_id: postId,
      reason: "광고 글",
    });

    await reportItem(db, { item: { kind: "post", postId }, reporterId: reporters[4], reason: "abuse", detail: "" });
    expect(payloadOf(await queue()).items.map((i) => [i.postId, i.openCount, i.reportCount])).toEqual([[postId, 1, 2]]);
  });

  it("restores an item: unblinds it, clears its reports and changes the list", async () => {
    const postId = await createTestPost(db, board, { authorId });
    await reported({ kind: "post", postId }, [["spam"], ["spam"], ["abuse"]]);
    expect((await postState(postId)).blinded_at).not.toBeNull();
    const { list_version: before } = await db.selectFrom("boards").select("list_version").executeTakeFirstOrThrow();

    expect((await decide("restore", { postId: String(postId) })).status).toBe(303);
    expect(await postState(postId)).toEqual({ report_count: 0, blinded_at: null, deleted_at: null });
    expect(await db.selectFrom("reports").select("id").where("post_id", "=", postId).execute()).toEqual([]);
    const { list_version: after } = await db.selectFrom("boards").select("list_version").executeTakeFirstOrThrow();
    expect(after).toBe(before + 1);
    expect((await logLines()).at(-1)).toMatchObject({ action: "restore", target_id: postId });
    // Cleared reports start counting again.
    await reported({ kind: "post", postId }, [["spam"]]);
    expect((await postState(postId)).report_count).toBe(1);
  });

  it("restores and deletes comments too", async () => {
    const postId = await createTestPost(db, board, { authorId });
    const first = await addComment(db, { postId, authorId, body: "복구될 댓글", parentId: null });
    const second = await addComment(db, { postId, authorId, body: "지워질 댓글", parentId: null });
    if (!first.ok || !second.ok) throw new Error("comment not added");
    await reported({ kind: "comment", postId, commentId: first.commentId }, [["spam"], ["spam"], ["spam"]]);
    await reported({ kind: "comment", postId, commentId: second.commentId }, [["abuse"]]);

    const restore = { postId: String(postId), commentId: String(first.commentId) };
    expect((await decide("restore", restore)).status).toBe(303);
    const restored = await db
      .selectFrom("comments")
      .select(["report_count", "blinded_at"])
      .where("id", "=", first.commentId)
      .executeTakeFirstOrThrow();
    expect(restored).toEqual({ report_count: 0, blinded_at: null });

    const remove = { postId: String(postId), commentId: String(second.commentId), reason: "욕설" };
    expect((await decide("delete", remove)).status).toBe(303);
    const deleted = await db
      .selectFrom("comments")
      .select("deleted_at")
      .where("id", "=", second.commentId)
      .executeTakeFirstOrThrow();
    expect(deleted.deleted_at).not.toBeNull();
    expect(payloadOf(await queue()).items).toEqual([]);
    expect((await logLines()).slice(-2)).toEqual([
      { action: "restore", target_kind: "comment", target_id: first.commentId, reason: "" },
      { action: "delete_comment", target_kind: "comment", target_id: second.commentId, reason: "욕설" },
    ]);
  });

  it("deletes a post, which leaves the queue", async () => {
    const postId = await createTestPost(db, board, { authorId });
    await reported({ kind: "post", postId }, [["sexual"]]);
    expect((await decide("delete", { postId: String(postId) })).status).toBe(303);
    expect((await postState(postId)).deleted_at).not.toBeNull();
    expect(payloadOf(await queue()).items).toEqual([]);
    expect((await logLines()).at(-1)).toMatchObject({ action: "delete_post", target_id: postId });
  });

  it("answers 404 for items already gone and 400 for a reason too long, writing nothing", async () => {
    const postId = await createTestPost(db, board, { authorId });
    await reported({ kind: "post", postId }, [["spam"]]);
    const linesBefore = (await logLines()).length;

    const long = await decide("keep", { postId: String(postId), reason: "가".repeat(201) });
    expect(long.status).toBe(400);
    expect(payloadOf(long).fieldErrors.reason).toBe("처리 사유는 200자 이하로 입력해 주세요.");
    expect(payloadOf(long).values.reason).toBe("가".repeat(201));
    expect((await decide("keep", { postId: "x" })).status).toBe(400);
    expect((await decide("judge", { postId: String(postId) })).status).toBe(400);

    for (const intent of ["keep", "restore", "delete"]) {
      const gone = await decide(intent, { postId: "999999" });
      expect(gone.status).toBe(404);
      expect(gone.data).toBe("이미 삭제되었거나 없는 항목입니다.");
    }
    expect(await postState(postId)).toMatchObject({ blinded_at: null, deleted_at: null });
    expect((await logLines()).length).toBe(linesBefore);
  });
});
