import { getBoardListing } from "~/models/board-listing.server";
import { getBoardBySlug } from "~/models/boards.server";
import { BLINDED_COMMENT_TEXT, BLINDED_POST_TEXT } from "~/models/blinding";
import { addComment } from "~/models/comments.server";
import { listAllNotices } from "~/models/notices.server";
import { addScrap, listScraps } from "~/models/scraps.server";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { loader as frontPage } from "~/routes/_index";
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
  cookie: string;
}

let board: TestBoard;
let author: Member;
let reporter: Member;
let admin: Member;
let memberCount = 0;

async function member(role: "member" | "admin" = "member"): Promise<Member> {
  const id = await createUser(db, `member${++memberCount}`, role);
  return { id, cookie: await sessionCookieFor(db, id) };
}

beforeAll(async () => {
  board = await createTestBoard(db, "square");
  author = await member();
  reporter = await member();
  admin = await member("admin");
});

const SECRET_TITLE = "비밀스러운 제목";
const SECRET_BODY = "비밀스러운 본문";

async function newPost(title = "신고될 글") {
  const postId = await createTestPost(db, board, { authorId: author.id, title });
  await db
    .updateTable("posts")
    .set({ body_md: SECRET_BODY, body_html: `<p>${SECRET_BODY}</p>` })
    .where("id", "=", postId)
    .execute();
  return postId;
}

function report(postId: number, fields: Record<string, string>, cookie?: string) {
  return callRoute(db, postAction, formPost(`/square/${postId}`, { intent: "report", ...fields }, cookie), {
    board: "square",
    postId: String(postId),
  });
}

async function counts(postId: number, commentId: number | null = null) {
  const item =
    commentId === null
      ? await db
          .selectFrom("posts")
          .select(["report_count", "blinded_at"])
          .where("id", "=", postId)
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom("comments")
          .select(["report_count", "blinded_at"])
          .where("id", "=", commentId)
          .executeTakeFirstOrThrow();
  let rows = db.selectFrom("reports").select((eb) => eb.fn.countAll<number>().as("n"));
  rows =
    commentId === null
      ? rows.where("post_id", "=", postId).where("comment_id", "is", null)
      : rows.where("comment_id", "=", commentId);
  const { n } = await rows.executeTakeFirstOrThrow();
  return { count: item.report_count, rows: Number(n), blinded: item.blinded_at !== null };
}

function listVersion(boardId: number) {
  return db.selectFrom("boards").select("list_version").where("id", "=", boardId).executeTakeFirstOrThrow();
}

async function setThreshold(threshold: number) {
  await db.updateTable("boards").set({ report_threshold: threshold }).where("id", "=", board.id).execute();
}

describe("reporting a post or a comment", () => {
  it("stores one report per member, answers in place, and accepts a second report quietly", async () => {
    const postId = await newPost();
    const first = await report(postId, { reason: "spam" }, reporter.cookie);
    expect(first.status).toBe(200);
    expect(payloadOf(first).accepted).toBe("신고가 접수되었습니다. 관리자가 확인합니다.");
    expect(await counts(postId)).toEqual({ count: 1, rows: 1, blinded: false });

    const again = await report(postId, { reason: "abuse", detail: "또 신고" }, reporter.cookie);
    expect(again.status).toBe(200);
    expect(payloadOf(again).accepted).toBeTruthy();
    expect(await counts(postId)).toEqual({ count: 1, rows: 1, blinded: false });
    const stored = await db.selectFrom("reports").select(["reason", "detail"]).where("post_id", "=", postId).execute();
    expect(stored).toEqual([{ reason: "spam", detail: "" }]);
  });

  it("reports a comment by commentId, apart from its post", async () => {
    const postId = await newPost();
    const added = await addComment(db, { postId, authorId: author.id, body: "나쁜 댓글", parentId: null });
    if (!added.ok) throw new Error("comment not added");
    const answer = await report(
      postId,
      { reason: "other", detail: "  상대를 깎아내립니다  ", commentId: String(added.commentId) },
      reporter.cookie,
    );
    expect(answer.status).toBe(200);
    expect(await counts(postId, added.commentId)).toEqual({ count: 1, rows: 1, blinded: false });
    expect(await counts(postId)).toEqual({ count: 0, rows: 0, blinded: false });
    const stored = await db.selectFrom("reports").select("detail").where("comment_id", "=", added.commentId).execute();
    expect(stored).toEqual([{ detail: "상대를 깎아내립니다" }]);
  });

  it("refuses bad input with a Korean message and the input kept, writing nothing", async () => {
    const postId = await newPost();
    const cases: [Record<string, string>, string, string][] = [
      [{}, "reason", "신고 사유를 골라 주세요."],
      [{ reason: "boring" }, "reason", "신고 사유를 골라 주세요."],
      [{ reason: "other" }, "detail", "기타 사유를 입력해 주세요."],
      [{ reason: "other", detail: " \u200b " }, "detail", "기타 사유를 입력해 주세요."],
      [{ reason: "spam", detail: "가".repeat(201) }, "detail", "신고 내용은 200자 이하로 입력해 주세요."],
      [{ reason: "spam", commentId: "abc" }, "commentId", "신고할 댓글이 올바르지 않습니다."],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await report(postId, fields, reporter.cookie);
      expect(answer.status).toBe(400);
      const failed = payloadOf(answer);
      expect(failed.fieldErrors[field]).toBe(message);
      expect(failed.values.reason).toBe(fields.reason ?? "");
      expect(failed.values.detail).toBe(fields.detail ?? "");
    }
    expect(await counts(postId)).toEqual({ count: 0, rows: 0, blinded: false });
  });

  it("does not let members report their own post or comment", async () => {
    const postId = await newPost();
    const own = await report(postId, { reason: "spam" }, author.cookie);
    expect(own.status).toBe(400);
    expect(payloadOf(own).fieldErrors.form).toBe("내가 쓴 글은 신고할 수 없습니다.");
    const added = await addComment(db, { postId, authorId: reporter.id, body: "내 댓글", parentId: null });
    if (!added.ok) throw new Error("comment not added");
    const ownComment = await report(postId, { reason: "spam", commentId: String(added.commentId) }, reporter.cookie);
    expect(payloadOf(ownComment).fieldErrors.form).toBe("내가 쓴 댓글은 신고할 수 없습니다.");
    expect(await counts(postId)).toEqual({ count: 0, rows: 0, blinded: false });
    expect(await counts(postId, added.commentId)).toEqual({ count: 0, rows: 0, blinded: false });
  });

  it("answers 404 for missing or deleted posts and comments, and comments of another post", async () => {
    const postId = await newPost();
    const otherPostId = await newPost();
    const added = await addComment(db, {
      postId: otherPostId,
      authorId: author.id,
      body: "다른 글의 댓글",
      parentId: null,
    });
    const deleted = await addComment(db, { postId, authorId: author.id, body: "지운 댓글", parentId: null });
    if (!added.ok || !deleted.ok) throw new Error("comment not added");
    await db.updateTable("comments").set({ deleted_at: Date.now() }).where("id", "=", deleted.commentId).execute();

    expect((await report(999_999, { reason: "spam" }, reporter.cookie)).status).toBe(404);
    for (const commentId of [added.commentId, deleted.commentId, 999_999]) {
      const answer = await report(postId, { reason: "spam", commentId: String(commentId) }, reporter.cookie);
      expect(answer.status).toBe(404);
      expect(answer.data).toBe("없는 댓글이거나 이미 삭제된 댓글입니다.");
    }
    await db.updateTable("posts").set({ deleted_at: Date.now() }).where("id", "=", postId).execute();
    const gone = await report(postId, { reason: "spam" }, reporter.cookie);
    expect(gone.status).toBe(404);
    expect(gone.data).toBe("없는 글이거나 삭제된 글입니다.");
    expect(await db.selectFrom("reports").select("id").where("post_id", "in", [postId, otherPostId]).execute()).toEqual(
      [],
    );
  });

  it("sends logged-out readers to the login page", async () => {
    const postId = await newPost();
    const answer = await report(postId, { reason: "spam" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: `/square/${postId}` })}`);
    expect(await counts(postId)).toEqual({ count: 0, rows: 0, blinded: false });
  });
});

async function reportBy(members: Member[], postId: number, commentId?: number) {
  const fields: Record<string, string> =
    commentId === undefined ? { reason: "abuse" } : { reason: "abuse", commentId: String(commentId) };
  return Promise.all(members.map((m) => report(postId, fields, m.cookie)));
}

async function membersNamed(n: number) {
  return Promise.all(Array.from({ length: n }, () => member()));
}

function pageOf(postId: number, cookie?: string) {
  return callRoute(db, postPage, pageGet(`/square/${postId}`, cookie), { board: "square", postId: String(postId) });
}

async function listedTitles(reader: { id: number; role: "member" | "admin" } | null) {
  const squareBoard = await getBoardBySlug(db, "square");
  const listing = await getBoardListing(db, squareBoard!, {
    categorySlug: null,
    page: 1,
    showAllNotices: true,
    reader,
  });
  return [...listing.notices, ...listing.posts];
}

describe("auto-blinding", () => {
  beforeEach(() => setThreshold(5));

  it("blinds a post when the board's threshold of distinct members is reached, and bumps the list version", async () => {
    await setThreshold(3);
    const postId = await newPost();
    const crowd = await membersNamed(3);
    await reportBy(crowd.slice(0, 2), postId);
    expect(await counts(postId)).toEqual({ count: 2, rows: 2, blinded: false });
    const { list_version: before } = await listVersion(board.id);
    await reportBy(crowd.slice(2), postId);
    expect(await counts(postId)).toEqual({ count: 3, rows: 3, blinded: true });
    expect((await listVersion(board.id)).list_version).toBe(before + 1);
  });

  it("drops every board's cached lists when a site-wide notice is blinded", async () => {
    await setThreshold(1);
    const other = await createTestBoard(db, "elsewhere");
    const postId = await newPost("전체 공지");
    await db.updateTable("posts").set({ notice_scope: "global" }).where("id", "=", postId).execute();
    const before = await Promise.all([board.id, other.id].map(listVersion));
    await reportBy([reporter], postId);
    const after = await Promise.all([board.id, other.id].map(listVersion));
    expect(after.map((v, i) => v.list_version - before[i].list_version)).toEqual([1, 1]);
  });

  it("counts 50 members reporting at once exactly and blinds the post once", async () => {
    // On PostgreSQL the test database is a pool, so the reports are concurrent transactions queueing on the post's
    // row lock; on SQLite they queue for the one writer.
    const crowdBoard = await createTestBoard(db, "crowd");
    const postId = await createTestPost(db, crowdBoard, { authorId: author.id });
    const crowd = await membersNamed(50);
    const { list_version: before } = await listVersion(crowdBoard.id);
    const answers = await Promise.all(
      crowd.map((m) =>
        callRoute(db, postAction, formPost(`/crowd/${postId}`, { intent: "report", reason: "spam" }, m.cookie), {
          board: "crowd",
          postId: String(postId),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(crowd.map(() => 200));
    expect(await counts(postId)).toEqual({ count: 50, rows: 50, blinded: true });
    // Blinded once: the list changed once, when the fifth report came in.
    expect((await listVersion(crowdBoard.id)).list_version).toBe(before + 1);
  });

  it("hides a blinded post's title, body and comments from everyone but its author and admins", async () => {
    await setThreshold(2);
    const postId = await newPost(SECRET_TITLE);
    const comment = await addComment(db, { postId, authorId: reporter.id, body: "비밀스러운 댓글", parentId: null });
    if (!comment.ok) throw new Error("comment not added");
    await reportBy(await membersNamed(2), postId);
    const outsider = await member();

    for (const cookie of [undefined, outsider.cookie, reporter.cookie]) {
      const page = payloadOf(await pageOf(postId, cookie));
      expect(page.post.title).toBe(BLINDED_POST_TEXT);
      expect(page.post.blinding).toBe("hidden");
      expect(page.comments.threads).toEqual([]);
      const serialized = JSON.stringify(page);
      expect(serialized).not.toContain(SECRET_TITLE);
      expect(serialized).not.toContain(SECRET_BODY);
      expect(serialized).not.toContain("비밀스러운 댓글");
      const more = await callRoute(db, commentsLoader, pageGet(`/square/${postId}/comments?after=0`, cookie), {
        board: "square",
        postId: String(postId),
      });
      expect(more.status).toBe(404);
      expect(JSON.stringify(more.data)).not.toContain("비밀스러운 댓글");
    }
    for (const cookie of [author.cookie, admin.cookie]) {
      const page = payloadOf(await pageOf(postId, cookie));
      expect(page.post.title).toBe(SECRET_TITLE);
      expect(page.post.bodyHtml).toContain(SECRET_BODY);
      expect(page.post.blinding).toBe("shown");
      expect(page.comments.threads.map((t) => t.body)).toEqual(["비밀스러운 댓글"]);
    }
  });

  it("shows the blinded title in every list to everyone but its author and admins", async () => {
    await setThreshold(1);
    const postId = await newPost("목록에서 가릴 제목");
    await db.updateTable("posts").set({ notice_scope: "board", notice_order: -100 }).where("id", "=", postId).execute();
    const outsider = await member();
    await addScrap(db, outsider.id, postId);
    await addScrap(db, author.id, postId);
    await reportBy([outsider], postId);

    const row = (rows: { id: number; title: string; blinding: string }[]) => rows.find((r) => r.id === postId);
    for (const reader of [null, { id: outsider.id, role: "member" as const }]) {
      const listed = (await listedTitles(reader)).filter((r) => r.id === postId);
      expect(listed.map((r) => [r.title, r.blinding])).toEqual([
        [BLINDED_POST_TEXT, "hidden"],
        [BLINDED_POST_TEXT, "hidden"],
      ]);
      expect(JSON.stringify(listed)).not.toContain("authorId");
      const notices = await listAllNotices(db, reader);
      expect(notices.boards.flatMap((b) => b.notices).find((n) => n.id === postId)?.title).toBe(BLINDED_POST_TEXT);
    }
    const front = payloadOf(await callRoute(db, frontPage, pageGet("/", outsider.cookie)));
    expect(JSON.stringify(front)).not.toContain("목록에서 가릴 제목");

    const outsiderScraps = await listScraps(db, { id: outsider.id, role: "member" }, { titleQuery: "", page: 1 });
    expect(outsiderScraps.scraps.find((s) => s.postId === postId)?.title).toBe(BLINDED_POST_TEXT);
    // A blinded title cannot be found by searching for it.
    const searched = await listScraps(db, { id: outsider.id, role: "member" }, { titleQuery: "가릴", page: 1 });
    expect(searched.total).toBe(0);
    const authorScraps = await listScraps(db, { id: author.id, role: "member" }, { titleQuery: "가릴", page: 1 });
    expect(authorScraps.scraps.map((s) => [s.title, s.blinding])).toEqual([["목록에서 가릴 제목", "shown"]]);

    for (const reader of [
      { id: author.id, role: "member" as const },
      { id: admin.id, role: "admin" as const },
    ]) {
      expect(row(await listedTitles(reader))).toMatchObject({ title: "목록에서 가릴 제목", blinding: "shown" });
    }
  });

  it("blinds a comment in place of its text, for everyone but its author and admins", async () => {
    await setThreshold(2);
    const postId = await newPost("댓글이 가려지는 글");
    const added = await addComment(db, { postId, authorId: author.id, body: "가려질 댓글", parentId: null });
    if (!added.ok) throw new Error("comment not added");
    await reportBy(await membersNamed(2), postId, added.commentId);
    expect(await counts(postId, added.commentId)).toEqual({ count: 2, rows: 2, blinded: true });

    const outsider = await member();
    for (const cookie of [undefined, outsider.cookie]) {
      const page = payloadOf(await pageOf(postId, cookie));
      expect(page.post.title).toBe("댓글이 가려지는 글");
      expect(page.comments.threads[0]).toMatchObject({
        body: null,
        blinding: "hidden",
        authorName: "",
        canReport: cookie !== undefined,
      });
      expect(JSON.stringify(page)).not.toContain("가려질 댓글");
      const since = await callRoute(db, commentsLoader, pageGet(`/square/${postId}/comments?since=0`, cookie), {
        board: "square",
        postId: String(postId),
      });
      expect(JSON.stringify(since.data)).not.toContain("가려질 댓글");
    }
    for (const cookie of [author.cookie, admin.cookie]) {
      const page = payloadOf(await pageOf(postId, cookie));
      expect(page.comments.threads[0]).toMatchObject({ body: "가려질 댓글", blinding: "shown" });
    }
    expect(BLINDED_COMMENT_TEXT).toBe("신고가 누적되어 블라인드 처리된 댓글입니다");
  });
});
