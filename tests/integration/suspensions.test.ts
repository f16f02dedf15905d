import { formatFullDate } from "~/lib/format";
import { suspendMember } from "~/models/suspensions.server";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { action as editAction, loader as editPage } from "~/routes/$board.$postId_.edit";
import { action as writeAction, loader as writePage } from "~/routes/$board.write";
import { action as memberAdminAction, loader as memberAdminPage } from "~/routes/admin.users.$username";
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

// Suspensions are about who may write, not how fast: the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();
const DAY_MS = 24 * 60 * 60 * 1000;

let board: TestBoard;
let adminId: number;
let adminCookie: string;
let memberCookie: string;
let bystanderCookie: string;
let memberPostId: number;
let otherPostId: number;

beforeAll(async () => {
  board = await createTestBoard(db, "square", [{ slug: "news", name: "뉴스" }]);
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", board.id).execute();
  adminId = await createUser(db, "boss", "admin");
  adminCookie = await sessionCookieFor(db, adminId);
  await createUser(db, "deputy", "admin");
  const memberId = await createUser(db, "troll");
  // A session opened before any suspension: it must see the suspension at its next write.
  memberCookie = await sessionCookieFor(db, memberId);
  bystanderCookie = await sessionCookieFor(db, await createUser(db, "reader"));
  memberPostId = await createTestPost(db, board, { authorId: memberId, title: "트롤의 글" });
  otherPostId = await createTestPost(db, board, { authorId: adminId, title: "다른 글" });
  await db
    .insertInto("comments")
    .values({ post_id: otherPostId, author_id: memberId, body: "트롤의 댓글", is_anonymous: 1, created_at: 1 })
    .execute();
  // Written on the anonymous board, as the app marks them: only admins see who wrote them.
  await db.updateTable("posts").set({ is_anonymous: 1 }).where("board_id", "=", board.id).execute();
  await db.updateTable("posts").set({ comment_count: 1 }).where("id", "=", otherPostId).execute();
});

function adminPage(username: string, cookie = adminCookie) {
  return callRoute(db, memberAdminPage, pageGet(`/admin/users/${username}`, cookie), { username });
}

function adminPost(username: string, fields: Record<string, string>, cookie = adminCookie) {
  return callRoute(db, memberAdminAction, formPost(`/admin/users/${username}`, fields, cookie), { username });
}

function onPost(postId: number, fields: Record<string, string>, cookie = memberCookie) {
  return callRoute(db, postAction, formPost(`/square/${postId}`, fields, cookie), {
    board: "square",
    postId: String(postId),
  });
}

function viewPost(postId: number, cookie?: string) {
  return callRoute(db, postPage, pageGet(`/square/${postId}`, cookie), { board: "square", postId: String(postId) });
}

async function rowCounts() {
  const count = async (table: "suspensions" | "admin_actions" | "posts" | "comments" | "scraps" | "reports") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    suspensions: await count("suspensions"),
    adminActions: await count("admin_actions"),
    reports: await count("reports"),
    posts: await count("posts"),
    comments: await count("comments"),
    scraps: await count("scraps"),
  };
}

/** Every write a suspended member might try, each with what it answers. */
async function everyWrite() {
  return {
    write: await callRoute(
      db,
      writeAction,
      formPost("/square/write", { intent: "save", category: "news", title: "또 쓴 글", body: "본문" }, memberCookie),
      { board: "square" },
    ),
    edit: await callRoute(
      db,
      editAction,
      formPost(
        `/square/${memberPostId}/edit`,
        { intent: "save", category: "news", title: "고친 글", body: "고친 본문" },
        memberCookie,
      ),
      { board: "square", postId: String(memberPostId) },
    ),
    comment: await onPost(otherPostId, { intent: "comment", body: "정지 중 댓글" }),
    reply: await onPost(otherPostId, { intent: "comment", body: "정지 중 답글", parentId: "1" }),
    scrap: await onPost(otherPostId, { intent: "scrap" }),
    report: await onPost(otherPostId, { intent: "report", reason: "spam" }),
  };
}

describe("the admin's member page", () => {
  it("is for admins only, and 404 for an unknown member", async () => {
    expect((await adminPage("troll", bystanderCookie)).status).toBe(403);
    expect((await adminPost("troll", { intent: "lift" }, bystanderCookie)).status).toBe(403);
    expect((await adminPage("nobody")).status).toBe(404);
    expect((await adminPost("nobody", { intent: "suspend", days: "1", reason: "x" })).status).toBe(404);
  });

  it("shows the member's join date, role, post and comment counts", async () => {
    const { member, canSuspend } = payloadOf(await adminPage("troll"));
    expect(member).toMatchObject({ username: "troll", role: "member", postCount: 1, commentCount: 1, active: null });
    expect(member.createdAt).toBeGreaterThan(0);
    expect(canSuspend).toBe(true);
    expect(payloadOf(await adminPage("boss")).canSuspend).toBe(false);
    expect(payloadOf(await adminPage("deputy")).canSuspend).toBe(false);
  });

  it("refuses bad input with a Korean 400 and writes nothing", async () => {
    const before = await rowCounts();
    const cases: [string, Record<string, string>, string][] = [
      ["troll", { intent: "suspend", days: "2", reason: "도배" }, "days"],
      ["troll", { intent: "suspend", days: "-1", reason: "도배" }, "days"],
      ["troll", { intent: "suspend", days: "36500", reason: "도배" }, "days"],
      ["troll", { intent: "suspend", days: "1e9", reason: "도배" }, "days"],
      ["troll", { intent: "suspend", reason: "도배" }, "days"],
      ["troll", { intent: "suspend", days: "7", reason: "  " }, "reason"],
      ["troll", { intent: "suspend", days: "7", reason: "가".repeat(201) }, "reason"],
      ["deputy", { intent: "suspend", days: "7", reason: "관리자 정지" }, "form"],
      ["boss", { intent: "suspend", days: "7", reason: "자기 정지" }, "form"],
      ["troll", { intent: "lift" }, "form"],
      ["troll", { intent: "ban" }, "form"],
    ];
    for (const [username, fields, field] of cases) {
      const answer = await adminPost(username, fields);
      expect(answer.status, JSON.stringify(fields)).toBe(400);
      expect(payloadOf(answer).fieldErrors[field]).toMatch(/[가-힣]/);
    }
    expect(payloadOf(await adminPost("deputy", { intent: "suspend", days: "1", reason: "x" })).fieldErrors.form).toBe(
      "관리자는 이용 정지할 수 없습니다.",
    );
    expect(payloadOf(await adminPost("boss", { intent: "suspend", days: "1", reason: "x" })).fieldErrors.form).toBe(
      "자기 자신은 이용 정지할 수 없습니다.",
    );
    expect(await rowCounts()).toEqual(before);
  });
});

describe("a suspended member", () => {
  it("is suspended by an admin, with an audit line written in the same step", async () => {
    const answer = await adminPost("troll", { intent: "suspend", days: "3", reason: "욕설 반복" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe("/admin/users/troll");
    const { member } = payloadOf(await adminPage("troll"));
    expect(member.active?.reason).toBe("욕설 반복");
    expect(member.active!.endsAt! - member.suspensions[0].startsAt).toBe(3 * DAY_MS);
    const log = await db.selectFrom("admin_actions").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      admin_id: adminId,
      action: "suspend",
      target_kind: "user",
      target_id: member.id,
      summary: "troll",
      reason: "3일: 욕설 반복",
    });
  });

  it("gets a 403 with the reason and the end date on every write, from a session opened before, and nothing is written", async () => {
    const { member } = payloadOf(await adminPage("troll"));
    const endDate = formatFullDate(member.active!.endsAt!);
    const before = await rowCounts();
    for (const [write, answer] of Object.entries(await everyWrite())) {
      expect(answer.status, write).toBe(403);
      expect(answer.data, write).toContain("욕설 반복");
      expect(answer.data, write).toContain(`${endDate}까지`);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("may still block someone, which only shields them", async () => {
    const blocked = await onPost(otherPostId, { intent: "block" });
    expect(blocked.status).toBe(303);
    expect(await db.selectFrom("blocks").select("blocked_id").executeTakeFirst()).toEqual({ blocked_id: adminId });
  });

  it("still reads, and sees the notice instead of the write, edit and comment forms", async () => {
    const write = payloadOf(
      await callRoute(db, writePage, pageGet("/square/write", memberCookie), { board: "square" }),
    );
    expect(write.suspensionNotice).toContain("욕설 반복");
    const edit = payloadOf(
      await callRoute(db, editPage, pageGet(`/square/${memberPostId}/edit`, memberCookie), {
        board: "square",
        postId: String(memberPostId),
      }),
    );
    expect(edit.suspensionNotice).toContain("욕설 반복");
    const page = await viewPost(otherPostId, memberCookie);
    expect(page.status).toBe(200);
    expect(payloadOf(page).reader.suspensionNotice).toContain("이용이 정지된 계정");
    expect(payloadOf(await viewPost(otherPostId, bystanderCookie)).reader.suspensionNotice).toBeNull();
  });

  it("writes again once the suspension is lifted, with an audit line", async () => {
    const answer = await adminPost("troll", { intent: "lift" });
    expect(answer.status).toBe(303);
    const { member } = payloadOf(await adminPage("troll"));
    expect(member.active).toBeNull();
    expect(member.suspensions[0].liftedAt).not.toBeNull();
    const log = await db.selectFrom("admin_actions").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(log).toMatchObject({ action: "lift_suspension", target_kind: "user", target_id: member.id });
    const writes = await everyWrite();
    expect(writes.write.status).toBe(303);
    expect(writes.edit.status).toBe(303);
    expect(writes.comment.status).toBe(303);
    expect(writes.scrap.status).toBe(303);
  });

  it("is told 영구 for a permanent suspension, and a suspension that has run out no longer holds", async () => {
    expect((await adminPost("troll", { intent: "suspend", days: "permanent", reason: "광고" })).status).toBe(303);
    const comment = await onPost(otherPostId, { intent: "comment", body: "영구 정지 중" });
    expect(comment.status).toBe(403);
    expect(comment.data).toContain("영구");
    expect(comment.data).toContain("광고");
    expect((await adminPost("troll", { intent: "lift" })).status).toBe(303);

    const { member } = payloadOf(await adminPage("troll"));
    const admin = { id: adminId, role: "admin" as const };
    const twoDaysAgo = Date.now() - 2 * DAY_MS;
    expect(await suspendMember(db, { admin, userId: member.id, length: "1", reason: "지난 정지" }, twoDaysAgo)).toBe(
      "done",
    );
    expect((await onPost(otherPostId, { intent: "comment", body: "정지가 끝난 뒤" })).status).toBe(303);
  });
});

describe("the link to a member's admin page", () => {
  it("is beside posts and comments for admins, on an anonymous board too", async () => {
    const page = payloadOf(await viewPost(otherPostId, adminCookie));
    expect(page.post.authorAdminHref).toBe("/admin/users/boss");
    expect(payloadOf(await viewPost(memberPostId, adminCookie)).post.authorAdminHref).toBe("/admin/users/troll");
    const trollComment = page.comments.threads.find((t) => t.authorName === "troll");
    expect(trollComment?.authorAdminHref).toBe("/admin/users/troll");
  });

  it("never reaches members or guests, not even in the page's data", async () => {
    for (const cookie of [bystanderCookie, undefined]) {
      const page = payloadOf(await viewPost(otherPostId, cookie));
      expect(page.post.authorAdminHref).toBeNull();
      expect(page.comments.threads.every((t) => t.authorAdminHref === null)).toBe(true);
      const data = JSON.stringify(page);
      expect(data).not.toContain("troll");
      expect(data).not.toContain("/admin/users");
    }
  });
});
