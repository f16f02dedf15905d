import { action as login, loader as loginPage } from "~/routes/login";
import { action as signup, loader as signupPage } from "~/routes/signup";
import { createTestDb } from "../helpers/db";
import { callRoute, createUser, formPost, pageGet, sessionCookieFor } from "./support/board-fixtures";
import { createAccount } from "~/auth/accounts.server";

const db = createTestDb();

const PAYLOADS = [
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/.%5C/evil.example",
  "/a/..//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example",
];
// A page request, Remix's single-fetch data request, and its older `_data` form. The server refuses `_data` at its
// edge (app/server/malformed-request.server.ts); the loader it would reach must still never redirect off the site.
const PAGE_FORMS = (page: string, redirectTo: string) => [
  `/${page}?${new URLSearchParams({ redirectTo })}`,
  `/${page}.data?${new URLSearchParams({ redirectTo })}`,
  `/${page}?${new URLSearchParams({ _data: `routes/${page}`, redirectTo })}`,
];

describe("redirects after login and sign-up stay on this site", () => {
  it.each(PAYLOADS)("sends a logged-in member opening /login or /signup with redirectTo=%s home", async (payload) => {
    const cookie = await sessionCookieFor(db, await createUser(db, `guest${PAYLOADS.indexOf(payload)}`));
    for (const [page, loader] of [
      ["login", loginPage],
      ["signup", signupPage],
    ] as const) {
      for (const path of PAGE_FORMS(page, payload)) {
        const answer = await callRoute(db, loader, pageGet(path, cookie));
        expect({ path, status: answer.status, location: answer.headers.get("Location") }).toEqual({
          path,
          status: 302,
          location: "/",
        });
      }
    }
  });

  it.each(PAYLOADS)("sends someone who logs in or signs up with redirectTo=%s home", async (redirectTo) => {
    const n = PAYLOADS.indexOf(redirectTo);
    const created = await createAccount(db, { username: `member${n}`, password: "correct horse" });
    expect(created.ok).toBe(true);
    const loggedIn = await callRoute(
      db,
      login,
      formPost("/login", { username: `member${n}`, password: "correct horse", redirectTo }),
      {},
      `198.51.100.${n + 1}`,
    );
    const signedUp = await callRoute(
      db,
      signup,
      formPost("/signup", { username: `newcomer${n}`, password: "비밀번호는여덟자", redirectTo }),
      {},
      `198.51.100.${n + 1}`,
    );
    for (const answer of [loggedIn, signedUp]) {
      expect({ status: answer.status, location: answer.headers.get("Location") }).toEqual({
        status: 303,
        location: "/",
      });
    }
  });

  it("keeps a same-site path, normalized", async () => {
    const cookie = await sessionCookieFor(db, await createUser(db, "keeper"));
    const answer = await callRoute(db, loginPage, pageGet("/login?redirectTo=/free/./3/../4%3Fpage=2", cookie));
    expect(answer.headers.get("Location")).toBe("/free/4?page=2");
  });
});
