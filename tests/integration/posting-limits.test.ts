import { action as postAction } from "~/routes/$board.$postId";
import { action as writeAction } from "~/routes/$board.write";
import { action as signupAction } from "~/routes/signup";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

vi.stubEnv("RATE_LIMITS", "on");
vi.stubEnv("TRUST_PROXY", "");

const db = createTestDb();
const HOUR_MS = 60 * 60 * 1000;

let board: TestBoard;
let targetPostId: number;
let adminCookie: string;

beforeAll(async () => {
  board = await createTestBoard(db, "square", [{ slug: "news", name: "뉴스" }]);
  const adminId = await createUser(db, "boss", "admin");
  adminCookie = await sessionCookieFor(db, adminId);
  targetPostId = await createTestPost(db, board, { authorId: adminId });
});

let memberNumber = 0;

/** A member whose account is `ageMs` old, and their session cookie. */
async function member(ageMs = 48 * HOUR_MS) {
  const id = await createUser(db, `member${++memberNumber}`);
  await db
    .updateTable("users")
    .set({ created_at: Date.now() - ageMs })
    .where("id", "=", id)
    .execute();
  return { id, cookie: await sessionCookieFor(db, id) };
}

function writePost(cookie: string, body: string, title = "제목") {
  return callRoute(
    db,
    writeAction,
    formPost("/square/write", { intent: "save", category: "news", title, body }, cookie),
    { board: "square" },
  );
}

function writeComment(cookie: string, body: string) {
  return callRoute(db, postAction, formPost(`/square/${targetPostId}`, { intent: "comment", body }, cookie), {
    board: "square",
    postId: String(targetPostId),
  });
}

function signup(username: string, clientAddress: string, headers: Record<string, string> = {}) {
  const request = formPost("/signup", { username, password: "correct horse" });
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  return callRoute(db, signupAction, request, {}, clientAddress);
}

async function countRows(table: "posts" | "comments", authorId: number) {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("author_id", "=", authorId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

function retryAfter(answer: { headers: Headers }) {
  return Number(answer.headers.get("Retry-After"));
}

/** Moves a member's items back in time, as if they were written `ms` earlier. */
async function age(table: "posts" | "comments", authorId: number, ms: number) {
  await db
    .updateTable(table)
    .set((eb) => ({ created_at: eb("created_at", "-", ms) }))
    .where("author_id", "=", authorId)
    .execute();
}

describe("posts per member", () => {
  it("takes 5 posts in 10 minutes, then answers 429 with Retry-After, a Korean message and the form as typed", async () => {
    const { id, cookie } = await member();
    for (let i = 0; i < 5; i++) expect((await writePost(cookie, `본문 ${i}`)).status).toBe(303);
    const refused = await writePost(cookie, "여섯 번째 본문", "여섯 번째 제목");
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThan(500);
    expect(retryAfter(refused)).toBeLessThanOrEqual(600);
    const payload = payloadOf(refused);
    expect(payload.fieldErrors.form).toContain("10분에 5개까지");
    expect(payload.values).toEqual({ category: "news", title: "여섯 번째 제목", body: "여섯 번째 본문" });
    expect(await countRows("posts", id)).toBe(5);

    // Deleting does not buy more posts; the oldest leaving the window does.
    await db.updateTable("posts").set({ deleted_at: Date.now() }).where("author_id", "=", id).execute();
    expect((await writePost(cookie, "지운 뒤")).status).toBe(429);
    await age("posts", id, 11 * 60_000);
    expect((await writePost(cookie, "10분 뒤")).status).toBe(303);
  });

  it("gives an account younger than 24 hours half as many", async () => {
    const { id, cookie } = await member(HOUR_MS);
    for (let i = 0; i < 2; i++) expect((await writePost(cookie, `새내기 ${i}`)).status).toBe(303);
    const refused = await writePost(cookie, "새내기 셋째");
    expect(refused.status).toBe(429);
    expect(payloadOf(refused).fieldErrors.form).toMatch(/가입한 지 하루가 지나지 않은 계정은 글을 10분에 2개까지/);
    expect(await countRows("posts", id)).toBe(2);
  });

  it("lets exactly 5 of 12 concurrent posts by one member through", async () => {
    const { id, cookie } = await member();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => writePost(cookie, `동시 ${i}`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 303)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await countRows("posts", id)).toBe(5);
  });
});

describe("comments per member", () => {
  it("takes 10 comments a minute, then answers 429 with Retry-After and the comment kept", async () => {
    const { id, cookie } = await member();
    for (let i = 0; i < 10; i++) expect((await writeComment(cookie, `댓글 ${i}`)).status).toBe(303);
    const refused = await writeComment(cookie, "열한 번째 댓글");
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    const payload = payloadOf(refused);
    expect(payload.intent).toBe("comment");
    expect(payload.values.body).toBe("열한 번째 댓글");
    expect(payload.fieldErrors.body).toContain("댓글을 1분에 10개까지");
    expect(await countRows("comments", id)).toBe(10);
    await age("comments", id, 61_000);
    expect((await writeComment(cookie, "1분 뒤")).status).toBe(303);
  });

  it("gives an account younger than 24 hours 5 a minute", async () => {
    const { id, cookie } = await member(23 * HOUR_MS);
    for (let i = 0; i < 5; i++) expect((await writeComment(cookie, `새 댓글 ${i}`)).status).toBe(303);
    expect((await writeComment(cookie, "여섯째")).status).toBe(429);
    expect(await countRows("comments", id)).toBe(5);
  });

  it("lets exactly 10 of 25 concurrent comments by one member through", async () => {
    const { id, cookie } = await member();
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => writeComment(cookie, `동시 댓글 ${i}`)));
    expect(answers.filter((a) => a.status === 303)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
    expect(await countRows("comments", id)).toBe(10);
    const { comment_count } = await db
      .selectFrom("posts")
      .select("comment_count")
      .where("id", "=", targetPostId)
      .executeTakeFirstOrThrow();
    expect(comment_count).toBe(await liveComments());
  });
});

async function liveComments() {
  const { n } = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("post_id", "=", targetPostId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe("도배: the same body twice in a row", () => {
  it("is refused for posts and comments with a Korean 400, the form kept", async () => {
    const { id, cookie } = await member();
    expect((await writePost(cookie, "같은 본문")).status).toBe(303);
    const post = await writePost(cookie, "같은 본문", "제목만 바꿈");
    expect(post.status).toBe(400);
    expect(payloadOf(post).fieldErrors.form).toContain("도배");
    expect(payloadOf(post).values.title).toBe("제목만 바꿈");
    expect((await writePost(cookie, "다른 본문")).status).toBe(303);

    expect((await writeComment(cookie, "같은 댓글")).status).toBe(303);
    const comment = await writeComment(cookie, "같은 댓글");
    expect(comment.status).toBe(400);
    expect(payloadOf(comment).fieldErrors.body).toContain("도배");
    expect(payloadOf(comment).values.body).toBe("같은 댓글");
    expect(await countRows("comments", id)).toBe(1);

    // After 10 minutes the same words are a new post, not 도배.
    await age("comments", id, 11 * 60_000);
    expect((await writeComment(cookie, "같은 댓글")).status).toBe(303);
  });
});

describe("admins", () => {
  it("are exempt from every posting limit", async () => {
    for (let i = 0; i < 7; i++) expect((await writePost(adminCookie, "공지 본문")).status).toBe(303);
    for (let i = 0; i < 12; i++) expect((await writeComment(adminCookie, "관리자 댓글")).status).toBe(303);
  });
});

describe("sign-ups per address", () => {
  it("takes 5 new accounts an hour from one address, then answers 429 with Retry-After", async () => {
    for (let i = 0; i < 5; i++) expect((await signup(`fresh${i}`, "203.0.113.5")).status).toBe(303);
    // A name already taken makes no account, and does not count.
    expect((await signup("fresh0", "203.0.113.6")).status).toBe(400);
    const refused = await signup("fresh5", "203.0.113.5");
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThan(3500);
    expect(retryAfter(refused)).toBeLessThanOrEqual(3600);
    expect(payloadOf(refused).formError).toContain("새 계정을 너무 많이");
    expect(payloadOf(refused).values.username).toBe("fresh5");
    expect(
      await db.selectFrom("users").select("id").where("username", "=", "fresh5").executeTakeFirst(),
    ).toBeUndefined();
    expect((await signup("fresh5", "203.0.113.6")).status).toBe(303);
  });

  it("counts by the forwarded address only when TRUST_PROXY=1", async () => {
    // The proxy at 10.0.0.1 appends the address it was reached from after whatever the client wrote.
    const viaProxy = (username: string, forwarded: string) =>
      signup(username, "10.0.0.1", { "X-Forwarded-For": `203.0.113.77, ${forwarded}` });
    for (let i = 0; i < 5; i++) expect((await viaProxy(`proxied${i}`, `198.51.100.${i}`)).status).toBe(303);
    expect((await viaProxy("proxied5", "198.51.100.9")).status).toBe(429);
    vi.stubEnv("TRUST_PROXY", "1");
    try {
      expect((await viaProxy("proxied6", "198.51.100.9")).status).toBe(303);
    } finally {
      vi.stubEnv("TRUST_PROXY", "");
    }
  });
});

describe("RATE_LIMITS=off", () => {
  it("turns off the post, comment, 도배 and sign-up limits", async () => {
    vi.stubEnv("RATE_LIMITS", "off");
    try {
      const { id, cookie } = await member(HOUR_MS);
      for (let i = 0; i < 8; i++) expect((await writePost(cookie, "같은 본문")).status).toBe(303);
      for (let i = 0; i < 12; i++) expect((await writeComment(cookie, "같은 댓글")).status).toBe(303);
      for (let i = 0; i < 7; i++) expect((await signup(`loadtest${i}`, "192.0.2.1")).status).toBe(303);
      expect(await countRows("posts", id)).toBe(8);
    } finally {
      vi.stubEnv("RATE_LIMITS", "on");
    }
  });
});
