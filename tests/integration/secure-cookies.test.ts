import { createAccount } from "~/auth/accounts.server";
import { loader as postPage } from "~/routes/$board.$postId";
import { action as login } from "~/routes/login";
import { action as logout } from "~/routes/logout";
import { action as exclusionSettings } from "~/routes/settings.filters";
import { createTestDb } from "../helpers/db";
import { callRoute, createTestBoard, createTestPost, type TestBoard } from "./support/board-fixtures";

// One policy for every cookie: Secure exactly when the visitor's request is https, whatever NODE_ENV says.
const db = createTestDb();
let square: TestBoard;
let postId: number;

beforeAll(async () => {
  const created = await createAccount(db, { username: "cookiemember", password: "correct horse" });
  if (!created.ok) throw new Error("could not create the member");
  square = await createTestBoard(db, "square", [{ slug: "news", name: "기사/뉴스" }]);
  postId = await createTestPost(db, square, { authorId: created.userId, title: "쿠키 글" });
});

beforeEach(() => {
  vi.stubEnv("NODE_ENV", "production");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every Set-Cookie the board sends in one visit: logging in (session and device), out, reading a post, hiding a category. */
async function cookiesOfVisit(origin: string, headers: Record<string, string> = {}): Promise<string[]> {
  const form = (path: string, fields: Record<string, string>, cookie = "") =>
    new Request(`${origin}${path}`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, ...headers },
      body: new URLSearchParams(fields),
    });
  const loggedIn = await callRoute(db, login, form("/login", { username: "cookiemember", password: "correct horse" }));
  expect(loggedIn.status).toBe(303);
  const session = loggedIn.headers.getSetCookie()[0];
  const loggedOut = await callRoute(db, logout, form("/logout", {}, session.split(";")[0]));
  const read = await callRoute(
    db,
    postPage,
    new Request(`${origin}/square/${postId}`, { headers: { "User-Agent": "Mozilla/5.0 Firefox/140.0", ...headers } }),
    { board: "square", postId: String(postId) },
    "203.0.113.9",
  );
  const hidden = await callRoute(db, exclusionSettings, form("/settings/filters", { exclude: "news" }));
  const cookies = [loggedIn, loggedOut, read, hidden].flatMap((answer) => answer.headers.getSetCookie());
  expect(cookies.map((cookie) => cookie.split("=")[0])).toEqual([
    "madang_session",
    "madang_device",
    "madang_session",
    "madang_reader",
    "madang_exclude",
  ]);
  return cookies;
}

describe("the Secure cookie policy", () => {
  it("sends no Secure cookie over plain http, even with NODE_ENV=production, so a LAN board can log in", async () => {
    for (const cookie of await cookiesOfVisit("http://192.168.0.10:3000")) expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks every cookie Secure over https", async () => {
    for (const cookie of await cookiesOfVisit("https://madang.test")) expect(cookie).toMatch(/; Secure$/);
  });

  it("marks every cookie Secure when a trusted proxy says the visitor came over https", async () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const cookies = await cookiesOfVisit("http://madang.test", { "X-Forwarded-Proto": "https" });
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure$/);
  });

  it("ignores X-Forwarded-Proto when no proxy is trusted: anyone can send it", async () => {
    const cookies = await cookiesOfVisit("http://madang.test", { "X-Forwarded-Proto": "https" });
    for (const cookie of cookies) expect(cookie).not.toMatch(/Secure/i);
  });
});
