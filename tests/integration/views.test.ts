import { createTestDb } from "../helpers/db";
import { countPostView, pruneExpiredViews, READER_COOKIE, VIEW_WINDOW_MS } from "~/models/views.server";

const db = createTestDb();
const T0 = 1_800_000_000_000;
const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const POST_URL = "http://madang.test/square/1";

let authorId: number;
let readerId: number;
let postId: number;

beforeAll(async () => {
  const users = await db
    .insertInto("users")
    .values([
      { username: "author", password_hash: "x", created_at: T0 },
      { username: "reader", password_hash: "x", created_at: T0 },
    ])
    .returning("id")
    .execute();
  [authorId, readerId] = users.map((u) => u.id);
  const board = await db
    .insertInto("boards")
    .values({ slug: "square", name: "광장", created_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const post = await db
    .insertInto("posts")
    .values({
      board_id: board.id,
      author_id: authorId,
      title: "t",
      body_md: "b",
      body_html: "<p>b</p>",
      is_anonymous: 0,
      created_at: T0,
      updated_at: T0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  postId = post.id;
});

beforeEach(async () => {
  await db.deleteFrom("post_views").execute();
  await db.updateTable("posts").set({ view_count: 0 }).execute();
});

async function viewCount(): Promise<number> {
  const row = await db.selectFrom("posts").select("view_count").where("id", "=", postId).executeTakeFirstOrThrow();
  return row.view_count;
}

function get(headers: Record<string, string> = {}, url = POST_URL): Request {
  return new Request(url, { headers: { "user-agent": BROWSER_UA, ...headers } });
}

function view(request: Request, readerUserId: number | null = null, now = T0, clientAddress = "203.0.113.7") {
  return countPostView(db, { postId, authorId, readerUserId, request, clientAddress, now });
}

const cookieOf = (setCookie: string | null) => setCookie!.split(";")[0];

describe("countPostView", () => {
  it("counts a member once per day, and again after 24 hours", async () => {
    expect((await view(get(), readerId)).counted).toBe(true);
    expect((await view(get(), readerId, T0 + 1000)).counted).toBe(false);
    expect((await view(get(), readerId, T0 + VIEW_WINDOW_MS - 1)).counted).toBe(false);
    expect((await view(get(), readerId, T0 + VIEW_WINDOW_MS + 1)).counted).toBe(true);
    expect(await viewCount()).toBe(2);
  });

  it("gives a logged-out reader an HttpOnly SameSite=Lax reader cookie and recognizes it on the next request", async () => {
    const first = await view(get());
    expect(first.counted).toBe(true);
    expect(first.setCookie).toMatch(new RegExp(`^${READER_COOKIE}=[A-Za-z0-9_-]{22};`));
    expect(first.setCookie).toContain("HttpOnly");
    expect(first.setCookie).toContain("SameSite=Lax");

    const again = await view(get({ cookie: cookieOf(first.setCookie) }), null, T0 + 5000, "198.51.100.1");
    expect(again).toEqual({ counted: false, setCookie: null });
    expect(await viewCount()).toBe(1);
  });

  it("counts distinct reader cookies separately", async () => {
    for (const id of ["a".repeat(22), "b".repeat(22), "c".repeat(22)]) {
      expect((await view(get({ cookie: `${READER_COOKIE}=${id}` }))).counted).toBe(true);
    }
    expect(await viewCount()).toBe(3);
  });

  it("falls back to address and User-Agent when cookies are refused", async () => {
    expect((await view(get())).counted).toBe(true);
    expect((await view(get(), null, T0 + 1000)).counted).toBe(false);
    expect((await view(get(), null, T0 + 2000, "198.51.100.1")).counted).toBe(true);
    expect((await view(get({ "user-agent": `${BROWSER_UA} Edg/140` }), null, T0 + 3000)).counted).toBe(true);
    expect(await viewCount()).toBe(3);
  });

  it("treats a malformed reader cookie as no cookie", async () => {
    const result = await view(get({ cookie: `${READER_COOKIE}=short` }));
    expect(result.counted).toBe(true);
    expect(result.setCookie).not.toBeNull();
  });

  it("does not count the author's own views", async () => {
    expect(await view(get(), authorId)).toEqual({ counted: false, setCookie: null });
    expect(await viewCount()).toBe(0);
  });

  it("does not count known bots", async () => {
    for (const ua of [
      "Googlebot/2.1 (+http://www.google.com/bot.html)",
      "curl/8.5.0",
      "Mozilla/5.0 (compatible; bingbot/2.0)",
    ]) {
      expect((await view(get({ "user-agent": ua }))).counted).toBe(false);
    }
    expect(await viewCount()).toBe(0);
  });

  it("does not count browser prefetches", async () => {
    expect((await view(get({ "sec-purpose": "prefetch" }))).counted).toBe(false);
    expect((await view(get({ purpose: "prefetch" }))).counted).toBe(false);
    expect(await viewCount()).toBe(0);
  });

  it("does not count the page re-running its own loader (revalidation after an action, redirect after a post)", async () => {
    expect((await view(get({ referer: POST_URL }))).counted).toBe(false);
    expect((await view(get({ referer: `${POST_URL}?page=2` }))).counted).toBe(false);
    expect(await viewCount()).toBe(0);
    expect((await view(get({ referer: "http://madang.test/square" }))).counted).toBe(true);
    expect(await viewCount()).toBe(1);
  });

  it("prunes only dedup rows older than the window", async () => {
    await view(get(), readerId);
    await view(get(), null, T0 + VIEW_WINDOW_MS);
    expect(await pruneExpiredViews(db, T0 + VIEW_WINDOW_MS + 1)).toBe(1);
    const left = await db.selectFrom("post_views").select("viewed_at").execute();
    expect(left.map((r) => r.viewed_at).sort()).toEqual([T0 + VIEW_WINDOW_MS, T0 + VIEW_WINDOW_MS]);
  });
});
