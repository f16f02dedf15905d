import { openDatabase } from "#db/connection";
import { createTestDbUrl } from "../helpers/db";
import {
  ORIGIN,
  createTestBoard,
  createTestPost,
  createUser,
  pageGet,
  sessionCookieFor,
} from "./support/board-fixtures";
import { buildFromSource, inProcessServer } from "./support/in-process-server";

// A page runs the root loader (the header: member, 알림 count) and its route's loader, each with a copy of the
// request: the session is validated once for both.

const sessionQueries: string[] = [];
const db = openDatabase(await createTestDbUrl(), {
  log(event) {
    if (event.level === "query" && /from "sessions"/.test(event.query.sql)) sessionQueries.push(event.query.sql);
  },
});
afterAll(() => db.destroy());

const serve = inProcessServer(await buildFromSource());
const board = await createTestBoard(db, "session-board");
const memberId = await createUser(db, "session_member");
const postId = await createTestPost(db, board, { authorId: memberId, title: "세션 글" });

/** A GET as the server answers it, each with its own load context, and the session queries it made. */
async function load(path: string, cookie?: string) {
  sessionQueries.length = 0;
  const response = await serve(pageGet(path, cookie), { db });
  return { response, html: await response.text(), sessionQueries: sessionQueries.length };
}

describe("a page's session", () => {
  it.each([`/${board.slug}`, `/${board.slug}/${postId}`, "/me", `/${board.slug}/${postId}.data`])(
    "is validated once for %s, for the header and the page",
    async (path) => {
      const cookie = await sessionCookieFor(db, memberId);
      const { response, html, sessionQueries } = await load(path, cookie);
      expect(response.status).toBe(200);
      expect(html).toContain("session_member");
      expect(sessionQueries).toBe(1);
    },
  );

  it("is validated again by the next request: a logout reaches the next page", async () => {
    const cookie = await sessionCookieFor(db, memberId);
    expect((await load(`/${board.slug}`, cookie)).html).toContain("로그아웃");
    const logout = await serve(
      new Request(`${ORIGIN}/logout`, { method: "POST", headers: { Cookie: cookie, Origin: ORIGIN } }),
      { db },
    );
    expect(logout.status).toBe(303);
    const after = await load(`/${board.slug}`, cookie);
    expect(after.html).not.toContain("로그아웃");
    expect(after.html).toContain("로그인");
    // The dead session's cookie is cleared, once.
    expect(after.response.headers.get("Set-Cookie")).toMatch(/^madang_session=;/);
  });

  it("is renewed with a cookie when lucia extends it, on the page that validated it", async () => {
    const cookie = await sessionCookieFor(db, memberId);
    const sessionId = cookie.split("=")[1];
    // Half-way to expiry: lucia extends the session and the page sends the renewed cookie.
    await db
      .updateTable("sessions")
      .set({ expires_at: Date.now() + 60_000 })
      .where("id", "=", sessionId)
      .execute();
    const { response, html, sessionQueries } = await load(`/${board.slug}/${postId}`, cookie);
    expect(html).toContain("session_member");
    expect(response.headers.get("Set-Cookie")).toMatch(new RegExp(`^madang_session=${sessionId};`));
    expect(sessionQueries).toBe(1);
  });
});
