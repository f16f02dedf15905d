import { DATABASE_UNAVAILABLE_MESSAGE } from "~/server/database-outage.server";
import { serverStartFailure } from "../helpers/browser";
import { useBoardsOnPostgres } from "../helpers/browser-postgres";
import { NEWER_MIGRATION, recordNewerMigration } from "../helpers/newer-migration";
import { createUser, sessionCookieFor } from "../integration/support/board-fixtures";

// Its own throwaway PostgreSQL, since the test stops it: `pg_ctl stop -m fast` under a running app server.
const boards = useBoardsOnPostgres({ serverCount: 1, ownPostgres: true });

describe("a database that stops answering while the server runs", () => {
  it("gets a Korean 503 page with Retry-After, the server stays up, and serves again once the database is back", async () => {
    const [server] = boards.servers;
    const post = await boards.db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .select(["posts.id", "posts.title", "boards.slug"])
      .where("posts.deleted_at", "is", null)
      .orderBy("posts.id", "desc")
      .executeTakeFirstOrThrow();
    const cookie = await sessionCookieFor(boards.db, await createUser(boards.db, "stranded_member"));
    const reader = await boards.newPage();
    const member = await boards.newPage({ extraHTTPHeaders: { Cookie: cookie } });
    expect((await reader.goto(`${server.baseUrl}/square`))?.status()).toBe(200);

    await boards.postgres.shutDown();

    // The logged-out list (through the page cache), a post page, a member's page, and a form post without script.
    for (const [page, path] of [
      [reader, "/square"],
      [reader, `/${post.slug}/${post.id}`],
      [member, "/scraps"],
    ] as const) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBe(503);
      expect(response?.headers()["retry-after"]).toBe("5");
      expect(await page.locator("body").innerText()).toContain(DATABASE_UNAVAILABLE_MESSAGE);
    }
    const login = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: "username=someone&password=whatever",
    });
    expect(login.status).toBe(503);
    const navigation = await fetch(`${server.baseUrl}/square.data`);
    expect(navigation.status).toBe(503);
    expect(navigation.headers.get("retry-after")).toBe("5");
    expect(server.isRunning()).toBe(true);
    expect(server.output()).not.toMatch(/died/);

    await boards.postgres.startAgain();

    const back = await reader.goto(`${server.baseUrl}/square`);
    expect(back?.status()).toBe(200);
    await reader.getByRole("link", { name: post.title }).waitFor();
    expect((await member.goto(`${server.baseUrl}/scraps`))?.status()).toBe(200);
    expect(await member.locator(".account-nav__name").innerText()).toBe("stranded_member");
    expect(server.output()).not.toMatch(/died/);
  });
});

describe("a database migrated by a newer version", () => {
  it("keeps a new server from starting, with one line", async () => {
    await recordNewerMigration(boards.db);
    const refused = await serverStartFailure(boards.databaseUrl);
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([expect.stringContaining(NEWER_MIGRATION)]);
  });
});
