import { checkBoard } from "#db/board-check";
import { readSession } from "~/auth/session.server";
import { addComment } from "~/models/comments.server";
import { NOTIFICATION_RETENTION_MS, pruneOldNotifications } from "~/models/notifications.server";
import { reportItem } from "~/models/reports.server";
import { suspendMember } from "~/models/suspensions.server";
import { loader as rootLoader } from "~/root";
import { action as postAction } from "~/routes/$board.$postId";
import { action as queueAction } from "~/routes/admin.reports";
import { action as notificationsAction, loader as notificationsPage } from "~/routes/notifications";
import { loader as openNotificationRoute } from "~/routes/notifications_.$notificationId";
import { action as settingsAction, loader as settingsPage } from "~/routes/settings.notifications";
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

interface Member {
  id: number;
  username: string;
  cookie: string;
}

let named: TestBoard;
let anonymous: TestBoard;
let admin: Member;
let count = 0;

async function newMember(prefix = "member", role: "member" | "admin" = "member"): Promise<Member> {
  const username = `${prefix}${++count}`;
  const id = await createUser(db, username, role);
  return { id, username, cookie: await sessionCookieFor(db, id) };
}

beforeAll(async () => {
  named = await createTestBoard(db, "square");
  anonymous = await createTestBoard(db, "secret");
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymous.id).execute();
  admin = await newMember("admin", "admin");
});

afterEach(async () => {
  // Whatever a test did, every member's unread counter equals their unread lines.
  expect((await checkBoard(db)).problems).toEqual([]);
});

async function comment(board: TestBoard, postId: number, author: Member, parentId?: number) {
  const fields: Record<string, string> = { intent: "comment", body: `댓글 ${++count}` };
  if (parentId !== undefined) fields.parentId = String(parentId);
  const answer = await callRoute(db, postAction, formPost(`/${board.slug}/${postId}`, fields, author.cookie), {
    board: board.slug,
    postId: String(postId),
  });
  expect(answer.status).toBe(303);
  return Number(/#comment-(\d+)$/.exec(answer.headers.get("Location") ?? "")?.[1]);
}

/** What the header shows, read the way every page reads it. */
async function header(member: Member) {
  const answer = await callRoute(db, rootLoader, pageGet("/", member.cookie));
  return payloadOf(answer).unreadNotifications;
}

async function page(member: Member, search = "") {
  const answer = await callRoute(db, notificationsPage, pageGet(`/notifications${search}`, member.cookie));
  expect(answer.status).toBe(200);
  return payloadOf(answer);
}

function open(member: Member, id: number | string) {
  return callRoute(db, openNotificationRoute, pageGet(`/notifications/${id}`, member.cookie), {
    notificationId: String(id),
  });
}

function readAll(member: Member) {
  return callRoute(db, notificationsAction, formPost("/notifications", { intent: "read-all" }, member.cookie));
}

function rowsOf(member: Member) {
  return db.selectFrom("notifications").selectAll().where("recipient_id", "=", member.id).orderBy("id").execute();
}

describe("notifications of comments and replies", () => {
  it("tells a post's author of a comment, naming the commenter, and leads to it", async () => {
    const [author, commenter] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id, title: "내 글" });
    expect(await header(author)).toBe(0);
    const commentId = await comment(named, postId, commenter);

    expect(await header(author)).toBe(1);
    const { lines } = await page(author);
    expect(lines).toMatchObject([
      { kind: "comment", count: 1, actorName: commenter.username, postTitle: "내 글", read: false },
    ]);
    const opened = await open(author, lines[0].id);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(`/square/${postId}?comments=20#comment-${commentId}`);
    expect(await header(author)).toBe(0);
    expect((await page(author)).lines[0].read).toBe(true);
    // Opening it again leads to the same place and changes nothing.
    expect((await open(author, lines[0].id)).status).toBe(302);
    expect(await header(author)).toBe(0);
  });

  it("tells the author of the answered comment of a reply, and the post's author of a comment", async () => {
    const [author, first, replier] = [await newMember(), await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const parentId = await comment(named, postId, first);
    await db.updateTable("notifications").set({ read_at: 1 }).where("recipient_id", "=", author.id).execute();
    await db.updateTable("users").set({ unread_notifications: 0 }).where("id", "=", author.id).execute();
    const replyId = await comment(named, postId, replier, parentId);

    expect((await rowsOf(first)).map((r) => [r.kind, r.comment_id, r.parent_comment_id])).toEqual([
      ["reply", replyId, parentId],
    ]);
    expect((await page(first)).lines[0]).toMatchObject({ kind: "reply", actorName: replier.username });
    expect(await header(author)).toBe(1);
    expect((await rowsOf(author)).filter((r) => r.read_at === null).map((r) => r.kind)).toEqual(["comment"]);
  });

  it("tells a post's author who is also the one answered once, with the reply", async () => {
    const [author, replier] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const parentId = await comment(named, postId, author);
    await comment(named, postId, replier, parentId);
    expect((await rowsOf(author)).map((r) => r.kind)).toEqual(["reply"]);
    expect(await header(author)).toBe(1);
  });

  it("never tells members of their own comments and replies", async () => {
    const author = await newMember();
    const postId = await createTestPost(db, named, { authorId: author.id });
    const own = await comment(named, postId, author);
    await comment(named, postId, author, own);
    expect(await rowsOf(author)).toEqual([]);
    expect(await header(author)).toBe(0);
  });

  it("never tells members of comments by someone they blocked", async () => {
    const [author, blocked] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    const theirPost = await createTestPost(db, named, { authorId: blocked.id });
    const blockAnswer = await callRoute(
      db,
      postAction,
      formPost(`/square/${theirPost}`, { intent: "block" }, author.cookie),
      { board: "square", postId: String(theirPost) },
    );
    expect(blockAnswer.status).toBe(303);
    const mine = await comment(named, postId, author);
    await comment(named, postId, blocked);
    await comment(named, postId, blocked, mine);
    expect(await rowsOf(author)).toEqual([]);
  });

  it("never names the commenter on an anonymous board, in the page or in the stored row", async () => {
    const [author, commenter] = [await newMember(), await newMember()];
    // An admin sees usernames on anonymous boards everywhere else; not in a notification.
    const adminAuthor = await newMember("boss", "admin");
    const postId = await createTestPost(db, anonymous, { authorId: author.id });
    const adminPost = await createTestPost(db, anonymous, { authorId: adminAuthor.id });
    const first = await comment(anonymous, postId, author);
    await comment(anonymous, postId, commenter, first);
    await comment(anonymous, adminPost, commenter);

    for (const member of [author, adminAuthor]) {
      const data = await page(member);
      expect(data.lines).toHaveLength(1);
      expect(data.lines[0].actorName).toBe("마당 손님");
      expect(JSON.stringify(data)).not.toContain(commenter.username);
      expect(JSON.stringify(await rowsOf(member))).not.toContain(commenter.username);
    }
  });
});

describe("collapsing", () => {
  it("folds comments on one post into one unread line, and starts a new one once it is read", async () => {
    const author = await newMember();
    const others = [await newMember(), await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    for (const other of others) await comment(named, postId, other);

    const { lines } = await page(author);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: "comment", count: 3 });
    expect(await header(author)).toBe(1);
    const html = (await import("~/lib/notification-text")).notificationMessage(lines[0]);
    expect(html).toBe("내 글에 새 댓글 3개");
    // The line leads to the latest comment.
    const latest = await comment(named, postId, others[0]);
    expect((await open(author, lines[0].id)).headers.get("Location")).toContain(`#comment-${latest}`);

    await comment(named, postId, others[1]);
    const after = await page(author);
    expect(after.lines.map((l) => [l.count, l.read])).toEqual([
      [1, false],
      [4, true],
    ]);
    expect(await header(author)).toBe(1);
  });

  it("folds replies to one comment into one line, apart from replies to another", async () => {
    const [author, replier, other] = [await newMember(), await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: other.id });
    const [a, b] = [await comment(named, postId, author), await comment(named, postId, author)];
    await comment(named, postId, replier, a);
    await comment(named, postId, other, a);
    await comment(named, postId, replier, b);
    const rows = await rowsOf(author);
    expect(rows.map((r) => [r.kind, r.parent_comment_id, r.event_count])).toEqual([
      ["reply", a, 2],
      ["reply", b, 1],
    ]);
    expect(await header(author)).toBe(2);
  });

  it("keeps one line and an exact count when comments arrive at once", async () => {
    const author = await newMember();
    const others = await Promise.all(Array.from({ length: 6 }, () => newMember()));
    const postId = await createTestPost(db, named, { authorId: author.id });
    const results = await Promise.all(
      others.map((other) => addComment(db, { postId, authorId: other.id, body: `동시 ${other.id}`, parentId: null })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await rowsOf(author);
    expect(rows.map((r) => r.event_count)).toEqual([6]);
    expect(await header(author)).toBe(1);
  });
});

describe("the unread counter", () => {
  it("stays equal to the unread lines when comments, opening and 모두 읽음 race", async () => {
    const author = await newMember();
    const others = await Promise.all(Array.from({ length: 4 }, () => newMember()));
    const postIds = await Promise.all(
      Array.from({ length: 3 }, () => createTestPost(db, named, { authorId: author.id })),
    );
    await addComment(db, { postId: postIds[0], authorId: others[0].id, body: "먼저", parentId: null });
    const [first] = await rowsOf(author);
    const writes = postIds.flatMap((postId) =>
      others.map((other, i) => addComment(db, { postId, authorId: other.id, body: `경쟁 ${i}`, parentId: null })),
    );
    await Promise.all([...writes, readAll(author), open(author, first.id), readAll(author)]);
    const unread = (await rowsOf(author)).filter((r) => r.read_at === null);
    expect(await header(author)).toBe(unread.length);
    // However the race went, at most one unread line per post.
    expect(new Set(unread.map((r) => r.post_id)).size).toBe(unread.length);
  });
});

describe("blinding and restoring", () => {
  function decide(intent: "keep" | "restore", postId: number, commentId?: number) {
    const fields: Record<string, string> = { intent, postId: String(postId), reason: "" };
    if (commentId !== undefined) fields.commentId = String(commentId);
    return callRoute(db, queueAction, formPost("/admin/reports", fields, admin.cookie));
  }

  it("tells the author when an admin blinds and restores their post or comment", async () => {
    const [author, reporter] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id, title: "블라인드될 글" });
    const commentId = await comment(named, postId, author);
    for (const item of [
      { kind: "post" as const, postId },
      { kind: "comment" as const, postId, commentId },
    ]) {
      expect(await reportItem(db, { item, reporterId: reporter.id, reason: "spam", detail: "" })).toBe("reported");
    }
    expect((await decide("keep", postId)).status).toBe(303);
    expect((await decide("keep", postId, commentId)).status).toBe(303);
    expect((await decide("restore", postId)).status).toBe(303);
    expect((await decide("restore", postId, commentId)).status).toBe(303);

    const { lines } = await page(author);
    const text = (await import("~/lib/notification-text")).notificationMessage;
    expect(lines.map((l) => text(l))).toEqual([
      "내 댓글이 복구되었습니다",
      "내 글이 복구되었습니다",
      "내 댓글이 블라인드 처리되었습니다",
      "내 글이 블라인드 처리되었습니다",
    ]);
    expect(lines.every((l) => l.actorName === "")).toBe(true);
    expect(await header(author)).toBe(4);
    const toComment = await open(author, lines[0].id);
    expect(toComment.headers.get("Location")).toBe(`/square/${postId}?comments=20#comment-${commentId}`);
    expect((await open(author, lines[1].id)).headers.get("Location")).toBe(`/square/${postId}`);
    // Restoring what was never blinded tells nobody anything.
    expect((await decide("restore", postId)).status).toBe(303);
    expect(await header(author)).toBe(2);
  });

  it("tells the author when reports reach the board's threshold, never naming the reporter", async () => {
    const [author, reporter] = [await newMember(), await newMember()];
    await db.updateTable("boards").set({ report_threshold: 1 }).where("id", "=", anonymous.id).execute();
    const postId = await createTestPost(db, anonymous, { authorId: author.id });
    await reportItem(db, { item: { kind: "post", postId }, reporterId: reporter.id, reason: "abuse", detail: "" });
    await db.updateTable("boards").set({ report_threshold: 5 }).where("id", "=", anonymous.id).execute();
    const data = await page(author);
    expect(data.lines.map((l) => l.kind)).toEqual(["blind"]);
    expect(JSON.stringify(data)).not.toContain(reporter.username);
  });
});

describe("preferences", () => {
  function save(member: Member, fields: Record<string, string>) {
    return callRoute(db, settingsAction, formPost("/settings/notifications", fields, member.cookie));
  }

  it("turns each kind off on its own", async () => {
    const [author, other] = [await newMember(), await newMember()];
    const loaded = await callRoute(db, settingsPage, pageGet("/settings/notifications", author.cookie));
    expect(payloadOf(loaded).settings).toEqual({ comment: true, reply: true, moderation: true });

    const saved = await save(author, { reply: "1" });
    expect(saved.status).toBe(200);
    expect(payloadOf(saved)).toEqual({ saved: true, error: null });
    const postId = await createTestPost(db, named, { authorId: author.id });
    const otherPost = await createTestPost(db, named, { authorId: other.id });
    const mine = await comment(named, otherPost, author);
    await comment(named, postId, other);
    await comment(named, otherPost, other, mine);
    await reportItem(db, { item: { kind: "post", postId }, reporterId: other.id, reason: "spam", detail: "" });
    await callRoute(
      db,
      queueAction,
      formPost("/admin/reports", { intent: "keep", postId: String(postId) }, admin.cookie),
    );
    expect((await rowsOf(author)).map((r) => r.kind)).toEqual(["reply"]);

    await save(author, { comment: "1", moderation: "1" });
    const reloaded = await callRoute(db, settingsPage, pageGet("/settings/notifications", author.cookie));
    expect(payloadOf(reloaded).settings).toEqual({ comment: true, reply: false, moderation: true });
    await comment(named, postId, other);
    await comment(named, otherPost, other, mine);
    expect((await rowsOf(author)).map((r) => r.kind)).toEqual(["reply", "comment"]);
  });

  it("tells a post's author who turned replies off of a reply to their comment as a comment on their post", async () => {
    const [author, replier] = [await newMember(), await newMember()];
    await save(author, { comment: "1", moderation: "1" });
    const postId = await createTestPost(db, named, { authorId: author.id });
    const mine = await comment(named, postId, author);
    await comment(named, postId, replier, mine);
    expect((await rowsOf(author)).map((r) => r.kind)).toEqual(["comment"]);
  });

  it("refuses a value the form never sends with a Korean message, changing nothing", async () => {
    const member = await newMember();
    const refused = await save(member, { comment: "yes" });
    expect(refused.status).toBe(400);
    expect(payloadOf(refused).error).toBe("알림 설정 값이 올바르지 않습니다.");
    const loaded = await callRoute(db, settingsPage, pageGet("/settings/notifications", member.cookie));
    expect(payloadOf(loaded).settings).toEqual({ comment: true, reply: true, moderation: true });
  });
});

describe("reading", () => {
  async function memberWithLines(lines: number) {
    const [member, other] = [await newMember(), await newMember()];
    for (let i = 0; i < lines; i++) {
      const postId = await createTestPost(db, named, { authorId: member.id });
      await addComment(db, { postId, authorId: other.id, body: `댓글 ${i}`, parentId: null });
    }
    return member;
  }

  it("answers 404 for someone else's notification and changes nothing", async () => {
    const owner = await memberWithLines(1);
    const stranger = await newMember();
    const [row] = await rowsOf(owner);
    for (const id of [String(row.id), "0", "abc", "99999999"]) {
      const answer = await open(stranger, id);
      expect(answer.status).toBe(404);
      expect(answer.data).toBe("없는 알림입니다.");
    }
    expect((await rowsOf(owner))[0].read_at).toBeNull();
    expect(await header(owner)).toBe(1);
  });

  it("reads all of the member's notifications and no one else's", async () => {
    const [mine, theirs] = [await memberWithLines(3), await memberWithLines(2)];
    const answer = await readAll(mine);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe("/notifications?read=all");
    expect(await header(mine)).toBe(0);
    expect((await page(mine, "?read=all")).justReadAll).toBe(true);
    expect(await header(theirs)).toBe(2);
    expect((await rowsOf(theirs)).every((r) => r.read_at === null)).toBe(true);
  });

  it("refuses an unknown intent and a cross-site post", async () => {
    const member = await memberWithLines(1);
    const unknown = await callRoute(
      db,
      notificationsAction,
      formPost("/notifications", { intent: "x" }, member.cookie),
    );
    expect(unknown.status).toBe(400);
    const crossSite = formPost("/notifications", { intent: "read-all" }, member.cookie);
    crossSite.headers.set("Origin", "http://evil.test");
    expect((await callRoute(db, notificationsAction, crossSite)).status).toBe(403);
    expect(await header(member)).toBe(1);
  });

  it("pages newest first and shows the first or last page for odd page numbers", async () => {
    const member = await memberWithLines(23);
    const first = await page(member);
    expect(first.lines).toHaveLength(20);
    expect(first.pageCount).toBe(2);
    const ids = first.lines.map((l) => l.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const search of ["?page=0", "?page=-1", "?page=abc", "?page=1e3", "?page=99999999999999999999"])
      expect((await page(member, search)).page).toBe(1);
    for (const search of ["?page=2", "?page=999", "?page=9007199254740991"]) {
      const last = await page(member, search);
      expect(last.page).toBe(2);
      expect(last.lines).toHaveLength(3);
    }
  });

  it("leads to a comment on a later comment page", async () => {
    const [author, other] = [await newMember(), await newMember()];
    const postId = await createTestPost(db, named, { authorId: author.id });
    for (let i = 0; i < 25; i++) await addComment(db, { postId, authorId: author.id, body: `${i}`, parentId: null });
    const latest = await comment(named, postId, other);
    const [row] = await rowsOf(author);
    expect((await open(author, row.id)).headers.get("Location")).toBe(
      `/square/${postId}?comments=40#comment-${latest}`,
    );
  });

  it("sends a logged-out reader to the login page", async () => {
    for (const path of ["/notifications", "/notifications/1", "/settings/notifications"]) {
      const route =
        path === "/notifications"
          ? notificationsPage
          : path === "/notifications/1"
            ? openNotificationRoute
            : settingsPage;
      const answer = await callRoute(db, route, pageGet(path), { notificationId: "1" });
      expect(answer.status).toBe(303);
      expect(answer.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("lets a suspended member read and mark their notifications", async () => {
    const member = await memberWithLines(2);
    await suspendMember(db, { admin: { id: admin.id, role: "admin" }, userId: member.id, length: "7", reason: "도배" });
    const { lines } = await page(member);
    expect((await open(member, lines[0].id)).status).toBe(302);
    expect((await readAll(member)).status).toBe(303);
    expect(await header(member)).toBe(0);
  });

  it("reads the header's count with the session, in the same one query", async () => {
    const member = await memberWithLines(2);
    const state = await readSession({ db }, pageGet("/", member.cookie));
    expect(state.unreadNotifications).toBe(2);
    expect((await readSession({ db }, pageGet("/"))).unreadNotifications).toBe(0);
  });
});

describe("pruning", () => {
  it("removes lines whose latest event is over 30 days old, keeping every counter exact", async () => {
    const [member, other] = [await newMember(), await newMember()];
    const now = 1_900_000_000_000;
    const postIds = [
      await createTestPost(db, named, { authorId: member.id }),
      await createTestPost(db, named, { authorId: member.id }),
      await createTestPost(db, named, { authorId: member.id }),
    ];
    const times = [now - NOTIFICATION_RETENTION_MS - 1, now - NOTIFICATION_RETENTION_MS - 2, now - 1000];
    for (const [i, postId] of postIds.entries()) {
      const added = await addComment(
        db,
        { postId, authorId: other.id, body: `${i}`, parentId: null },
        { now: times[i] },
      );
      expect(added.ok).toBe(true);
    }
    const [oldRead] = await rowsOf(member);
    expect((await open(member, oldRead.id)).status).toBe(302);
    expect(await header(member)).toBe(2);

    const removed = await pruneOldNotifications(db, now);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect((await rowsOf(member)).map((r) => r.post_id)).toEqual([postIds[2]]);
    expect(await header(member)).toBe(1);
    expect(await pruneOldNotifications(db, now)).toBe(0);
  });
});
