import type { AppLoadContext } from "@remix-run/node";
import { createTestDb } from "../helpers/db";
import {
  COOKIELESS_VIEWS_PER_DAY,
  countPostView,
  koreanDay,
  pruneExpiredViews,
  READER_COOKIE,
  VIEW_WINDOW_MS,
} from "~/models/views.server";
import {
  ORIGIN,
  createTestBoard,
  createTestPost,
  createUser,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";
import { buildFromSource, inProcessServer } from "./support/in-process-server";

// Views are counted by the image the post page shows (/<board>/<id>/view), with the signed reader cookie the page
// gave: these tests make the requests a browser makes, through the whole request path (page cache included).
const db = createTestDb();
const BROWSER_UA =
  "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile";
const CARRIER_ADDRESS = "203.0.113.7";

let serve: (request: Request, context: AppLoadContext) => Promise<Response>;
let square: TestBoard;
let anonymousBoard: TestBoard;
let authorId: number;
let postId: number;

beforeAll(async () => {
  serve = inProcessServer(await buildFromSource());
  authorId = await createUser(db, "author");
  square = await createTestBoard(db, "square");
  anonymousBoard = await createTestBoard(db, "secret");
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymousBoard.id).execute();
});

beforeEach(async () => {
  postId = await createTestPost(db, square, { authorId, title: "조회수 글" });
});

async function viewCount(id = postId): Promise<number> {
  const row = await db.selectFrom("posts").select("view_count").where("id", "=", id).executeTakeFirstOrThrow();
  return row.view_count;
}

interface Visit {
  cookie?: string;
  userAgent?: string;
  address?: string;
  /** Headers to add; undefined leaves one out. */
  headers?: Record<string, string | undefined>;
}

function send(path: string, { cookie, userAgent = BROWSER_UA, address = CARRIER_ADDRESS, headers = {} }: Visit) {
  const given = {
    Host: new URL(ORIGIN).host,
    "User-Agent": userAgent,
    ...(cookie ? { Cookie: cookie } : {}),
    ...headers,
  };
  const request = new Request(`${ORIGIN}${path}`, {
    headers: Object.entries(given).filter((header): header is [string, string] => header[1] !== undefined),
  });
  return serve(request, { db, clientAddress: address });
}

/** The post page, as a browser opens it: its answer and the reader cookie it set, if any (name=value). */
async function openPage(visit: Visit = {}, path = `/square/${postId}`) {
  const response = await send(path, visit);
  const body = await response.text();
  const readerCookie = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${READER_COOKIE}=`))
    ?.split(";")[0];
  return { response, body, readerCookie };
}

/** The image the page shows, which counts the view; a browser sends the cookies it keeps and its own headers. */
async function loadViewImage(visit: Visit = {}, path = `/square/${postId}/view`) {
  const response = await send(path, { ...visit, headers: { "Sec-Fetch-Site": "same-origin", ...visit.headers } });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("image/gif");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect((await response.arrayBuffer()).byteLength).toBeLessThan(64);
  return response;
}

/** A browser that keeps cookies: the page, then its image with the cookie the page set. */
async function readAsBrowser(visit: Visit = {}) {
  const page = await openPage(visit);
  expect(page.response.status).toBe(200);
  const cookie = visit.cookie ?? page.readerCookie;
  await loadViewImage({ ...visit, cookie });
  return cookie;
}

describe("views counted by the page's image", () => {
  it("counts two first-time readers behind one address with the same browser as two, and neither again", async () => {
    const first = await readAsBrowser();
    const second = await readAsBrowser();
    expect(first).toMatch(new RegExp(`^${READER_COOKIE}=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}$`));
    expect(second).not.toBe(first);
    expect(await viewCount()).toBe(2);

    await readAsBrowser({ cookie: first });
    await readAsBrowser({ cookie: second });
    expect(await viewCount()).toBe(2);
  });

  it("gives the reader cookie HttpOnly and SameSite=Lax, and no new one to a reader who has a valid one", async () => {
    const first = await openPage();
    const setCookie = first.response.headers.getSetCookie().find((c) => c.startsWith(`${READER_COOKIE}=`));
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const again = await openPage({ cookie: first.readerCookie });
    expect(again.readerCookie).toBeUndefined();
  });

  it(`counts a client that keeps no cookie by its address, at most ${COOKIELESS_VIEWS_PER_DAY} times a day`, async () => {
    for (let i = 0; i < COOKIELESS_VIEWS_PER_DAY + 1; i++) await loadViewImage();
    expect(await viewCount()).toBe(COOKIELESS_VIEWS_PER_DAY);
    await loadViewImage({ address: "198.51.100.1" });
    expect(await viewCount()).toBe(COOKIELESS_VIEWS_PER_DAY + 1);
    // The addresses are kept as an HMAC, never as they are.
    const rows = await db.selectFrom("post_address_views").select(["address_hash", "views"]).execute();
    expect(rows.map((r) => r.address_hash).join()).not.toContain(CARRIER_ADDRESS);
  });

  it("holds the address limit exactly under concurrent requests", async () => {
    await Promise.all(Array.from({ length: COOKIELESS_VIEWS_PER_DAY + 15 }, () => loadViewImage()));
    expect(await viewCount()).toBe(COOKIELESS_VIEWS_PER_DAY);
  });

  it("starts the address limit afresh on the next Korean day", async () => {
    const request = new Request(`${ORIGIN}/square/${postId}/view`, { headers: { "User-Agent": BROWSER_UA } });
    const view = (now: number) => countPostView(db, { postId, readerUserId: null, request, clientAddress: "x", now });
    const lastMinute = (koreanDay(Date.now()) + 1) * VIEW_WINDOW_MS - 9 * 60 * 60 * 1000 - 60_000;
    for (let i = 0; i < COOKIELESS_VIEWS_PER_DAY; i++) expect(await view(lastMinute)).toBe(true);
    expect(await view(lastMinute)).toBe(false);
    expect(await view(lastMinute + 120_000)).toBe(true);
  });

  it("ignores forged reader cookies: each is treated as no cookie, and the page gives a signed one", async () => {
    const forged = [
      `${READER_COOKIE}=${"a".repeat(22)}`,
      `${READER_COOKIE}=${"b".repeat(22)}.${"c".repeat(22)}`,
      `${READER_COOKIE}=short`,
    ];
    for (const cookie of forged) expect((await openPage({ cookie })).readerCookie).toBeDefined();
    // A script inventing a new reader id for every request adds no more than a client without cookies.
    for (let i = 0; i < COOKIELESS_VIEWS_PER_DAY + 10; i++) {
      const id = `${String(i).padStart(22, "x")}.${"d".repeat(22)}`;
      await loadViewImage({ cookie: `${READER_COOKIE}=${id}` });
    }
    expect(await viewCount()).toBe(COOKIELESS_VIEWS_PER_DAY);
  });

  it("counts nothing for bots, prefetches, prerenders and other sites' pages, and still answers the image", async () => {
    const cookie = (await openPage()).readerCookie;
    for (const userAgent of [
      "Googlebot/2.1 (+http://www.google.com/bot.html)",
      "curl/8.5.0",
      "Mozilla/5.0 (compatible; bingbot/2.0)",
    ]) {
      await loadViewImage({ userAgent, cookie });
    }
    await loadViewImage({ cookie, headers: { "Sec-Purpose": "prefetch" } });
    await loadViewImage({ cookie, headers: { "Sec-Purpose": "prefetch;prerender" } });
    await loadViewImage({ cookie, headers: { Purpose: "prefetch" } });
    await loadViewImage({ cookie, headers: { "Sec-Fetch-Site": "cross-site" } });
    await loadViewImage({ headers: { "Sec-Fetch-Site": "same-site" } });
    // An older browser says where it was only in Referer.
    await loadViewImage({
      cookie,
      headers: { "Sec-Fetch-Site": undefined, Referer: "https://elsewhere.example/page" },
    });
    expect(await viewCount()).toBe(0);
  });

  it("answers the image for a missing post or a bad id, counting nothing", async () => {
    await loadViewImage({}, "/square/999999/view");
    await loadViewImage({}, "/square/0x10/view");
    expect(await viewCount()).toBe(0);
  });

  it("never counts the page itself: loads, reloads and its data (revalidation after a comment) add nothing", async () => {
    const { readerCookie } = await openPage();
    await openPage({ cookie: readerCookie });
    await openPage({ cookie: readerCookie, headers: { Referer: `${ORIGIN}/square/${postId}` } });
    const data = await send(`/square/${postId}.data`, { cookie: readerCookie });
    expect(data.status).toBe(200);
    await openPage();
    expect(await viewCount()).toBe(0);
    await loadViewImage({ cookie: readerCookie });
    expect(await viewCount()).toBe(1);
  });

  it("shows every logged-out reader the same page, with the stored count", async () => {
    await db.updateTable("posts").set({ view_count: 1234 }).where("id", "=", postId).execute();
    const first = await openPage();
    const second = await openPage({ cookie: first.readerCookie });
    expect(second.body).toBe(first.body);
    expect(first.body).toMatch(/조회 (<!-- -->)?1,234</);
    expect(first.body).toContain(`src="/square/${postId}/view"`);
  });

  it("counts a member once a day, and again after 24 hours", async () => {
    const memberId = await createUser(db, `member${postId}`);
    const cookie = await sessionCookieFor(db, memberId);
    await readAsBrowser({ cookie });
    await readAsBrowser({ cookie });
    expect(await viewCount()).toBe(1);
    const request = new Request(`${ORIGIN}/square/${postId}/view`);
    const later = Date.now() + VIEW_WINDOW_MS + 1;
    expect(await countPostView(db, { postId, readerUserId: memberId, request, clientAddress: "x", now: later })).toBe(
      true,
    );
    expect(await viewCount()).toBe(2);
  });

  it("does not count the author's view of their own post, but does on an anonymous board", async () => {
    const cookie = await sessionCookieFor(db, authorId);
    await readAsBrowser({ cookie });
    expect(await viewCount()).toBe(0);

    const anonymousPost = await createTestPost(db, anonymousBoard, { authorId, title: "익명 글" });
    await db.updateTable("posts").set({ is_anonymous: 1 }).where("id", "=", anonymousPost).execute();
    const path = `/secret/${anonymousPost}`;
    expect((await openPage({ cookie }, path)).response.status).toBe(200);
    await loadViewImage({ cookie }, `${path}/view`);
    await loadViewImage({ cookie }, `${path}/view`);
    expect(await viewCount(anonymousPost)).toBe(1);
  });

  it("prunes reader rows older than the window and address counts of past days", async () => {
    await db.deleteFrom("post_views").execute();
    await db.deleteFrom("post_address_views").execute();
    const now = Date.now();
    const request = new Request(`${ORIGIN}/square/${postId}/view`);
    const view = (at: number, clientAddress: string, readerUserId: number | null = null) =>
      countPostView(db, { postId, readerUserId, request, clientAddress, now: at });
    const memberId = await createUser(db, `pruned${postId}`);
    await view(now - VIEW_WINDOW_MS - 1, "a", memberId);
    await view(now - VIEW_WINDOW_MS, "old address");
    await view(now, "new address");
    expect(await pruneExpiredViews(db, now)).toBe(2);
    expect(await db.selectFrom("post_views").select("reader_key").execute()).toEqual([]);
    expect(await db.selectFrom("post_address_views").select("view_day").execute()).toEqual([
      { view_day: koreanDay(now) },
    ]);
  });
});
