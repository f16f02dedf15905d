import { seedDemoData } from "#db/seed";
import { addScrap } from "~/models/scraps.server";
import { action as postAction } from "~/routes/$board.$postId";
import { action as writeAction } from "~/routes/$board.write";
import { action as scrapsAction } from "~/routes/scraps";
import { createTestDb } from "../helpers/db";
import { callRoute, createUser, formPost, payloadOf, sessionCookieFor } from "./support/board-fixtures";

// These tests write many posts and comments quickly; the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();
let memberId: number;
let memberCookie: string;

beforeAll(async () => {
  await seedDemoData(db);
  memberId = await createUser(db, "writer");
  memberCookie = await sessionCookieFor(db, memberId);
});

const HIDDEN = "\u200B\u202E\u3164\uFEFF\u2066\u00AD";

function write(fields: Record<string, string>) {
  return callRoute(
    db,
    writeAction,
    formPost("/square/write", { category: "news", intent: "save", ...fields }, memberCookie),
    {
      board: "square",
    },
  );
}

function postIdOf(location: string | null): number {
  return Number(/^\/square\/(\d+)$/.exec(location ?? "")![1]);
}

const storedPost = (id: number) =>
  db.selectFrom("posts").select(["title", "body_md"]).where("id", "=", id).executeTakeFirstOrThrow();

describe("invisible and direction-changing characters", () => {
  it("are dropped from a post's title and body, keeping every visible character and joined emoji", async () => {
    const answer = await write({ title: `공지${HIDDEN}처럼\u202E보이는 제목`, body: `본문\u200B입니다 👩‍💻${HIDDEN}` });
    expect(answer.status).toBe(303);
    expect(await storedPost(postIdOf(answer.headers.get("Location")))).toEqual({
      title: "공지처럼보이는 제목",
      body_md: "본문입니다 👩‍💻",
    });
  });

  it("refuse a title or body made only of them, with the Korean message for an empty field, writing nothing", async () => {
    const before = await db.selectFrom("posts").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const answer = await write({ title: ` ${HIDDEN} \u3164`, body: `${HIDDEN}\n\u200D` });
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors).toMatchObject({
      title: "제목을 입력해 주세요.",
      body: "본문을 입력해 주세요.",
    });
    const after = await db.selectFrom("posts").select(db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("are dropped from comments, and a comment made only of them is refused", async () => {
    const postId = postIdOf((await write({ title: "댓글 받을 글", body: "본문" })).headers.get("Location"));
    const comment = (body: string) =>
      callRoute(db, postAction, formPost(`/square/${postId}`, { intent: "comment", body }, memberCookie), {
        board: "square",
        postId: String(postId),
      });
    const empty = await comment(HIDDEN);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(payloadOf(empty))).toContain("댓글 내용을 입력해 주세요.");
    expect((await comment(`좋은\u202E글${HIDDEN}이네요`)).status).toBe(303);
    const stored = await db.selectFrom("comments").select("body").where("post_id", "=", postId).execute();
    expect(stored).toEqual([{ body: "좋은글이네요" }]);
  });

  it("are dropped from scrap memos", async () => {
    const postId = postIdOf((await write({ title: "스크랩할 글", body: "본문" })).headers.get("Location"));
    await addScrap(db, memberId, postId);
    const memo = { intent: "memo", postId: String(postId), memo: `나중에${HIDDEN} 읽기` };
    expect((await callRoute(db, scrapsAction, formPost("/scraps", memo, memberCookie))).status).toBe(303);
    const stored = await db
      .selectFrom("scraps")
      .select("memo")
      .where("user_id", "=", memberId)
      .where("post_id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(stored.memo).toBe("나중에 읽기");
  });
});
