import type { Page } from "playwright-core";
import { newReaders, readAllAtOnce } from "../../bench/reader-burst";
import { createAccount } from "~/auth/accounts.server";
import { useBoardsOnPostgres } from "../helpers/browser-postgres";
import { createUser, sessionCookieFor } from "../integration/support/board-fixtures";

// Two `node server.js` on two ports stand for two machines behind a load balancer, each with two workers, on one
// PostgreSQL database: what one shows must be what the other shows.
// Logged-out list pages stay cached for ten minutes, so a list that changes on B's next load changed only because the
// write on A moved the board's list_version in the shared database, however slowly the machine runs.
const boards = useBoardsOnPostgres({ serverCount: 2, serverEnv: { LIST_CACHE_SECONDS: "600" } });
const READERS = 2_000;
// Measured at 27 to 42 s on two busy shared cores, and about 100 s while the whole suite ran beside it.
const BURST_TIMEOUT_MS = 180_000;

function servers() {
  const [a, b] = boards.servers;
  return { a: a.baseUrl, b: b.baseUrl };
}

/** A member's page: the session is made in the database, and its cookie reaches both servers (same host). */
async function memberPage(username: string): Promise<Page> {
  const cookie = await sessionCookieFor(boards.db, await createUser(boards.db, username));
  const [name, value] = cookie.split("=");
  const page = await boards.newPage();
  await page.context().addCookies([{ name, value, url: servers().a }]);
  return page;
}

/** Whether B's logged-out list shows `title`, asked on four new connections, one after another. */
async function listsOnFreshConnections(server: string, title: string): Promise<boolean[]> {
  const shown: boolean[] = [];
  for (let i = 0; i < 4; i++) {
    const response = await fetch(`${server}/square`, { headers: { Connection: "close" } });
    shown.push((await response.text()).includes(title));
  }
  return shown;
}

async function logIn(page: Page, server: string, username: string, password: string) {
  await page.goto(`${server}/login`);
  await page.getByLabel("아이디").fill(username);
  await page.getByLabel("비밀번호").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "로그인" }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

describe("two app servers on one PostgreSQL database", () => {
  it("shows a post and a comment written on A on B's next page load, even in a logged-out reader's cached list", async () => {
    const { a, b } = servers();
    const writer = await memberPage("writer_on_a");
    const reader = await boards.newPage();

    const title = "A에서 쓴 글";
    await writer.goto(`${a}/square/write`);
    await writer.getByLabel("카테고리").selectOption("info");
    await writer.getByLabel("제목").fill(title);
    await writer.getByLabel("본문").fill("두 서버가 하나의 데이터베이스를 씁니다.");
    // Every worker of B renders the list for logged-out readers and keeps it (the primary deals new connections to
    // its workers in turn, so a few fresh connections reach them all).
    await reader.goto(`${b}/square`);
    expect(await reader.getByRole("link", { name: title }).count()).toBe(0);
    expect(await listsOnFreshConnections(b, title)).toEqual([false, false, false, false]);

    await writer.getByRole("button", { name: "등록" }).click();
    await writer.waitForURL(/\/square\/\d+$/);
    const postPath = new URL(writer.url()).pathname;
    await reader.reload();
    await reader.getByRole("link", { name: title }).waitFor();
    expect(await listsOnFreshConnections(b, title)).toEqual([true, true, true, true]);

    await writer.getByLabel("댓글 쓰기").fill("A에서 단 댓글");
    await writer.getByRole("button", { name: "댓글 등록" }).click();
    await writer.locator(".comment__body", { hasText: "A에서 단 댓글" }).waitFor();
    await reader.reload();
    expect(await reader.getByText("댓글 1개", { exact: true }).count()).toBe(1);
    await reader.goto(`${b}${postPath}`);
    await reader.locator(".comment__body", { hasText: "A에서 단 댓글" }).waitFor();
  });

  it("honours on B the session A started, and ends it on both when the member logs out on A", async () => {
    const { a, b } = servers();
    await createAccount(boards.db, { username: "roaming", password: "correct horse" });
    const page = await boards.newPage({ javaScriptEnabled: false });
    expect((await logIn(page, a, "roaming", "correct horse")).status()).toBe(303);
    const sessionCookies = (await page.context().cookies()).filter((cookie) => cookie.name === "madang_session");
    expect(sessionCookies).toHaveLength(1);

    await page.goto(`${b}/square`);
    expect(await page.locator(".account-nav__name").innerText()).toBe("roaming");

    await page.goto(`${a}/square`);
    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByRole("link", { name: "로그인" }).waitFor();

    // Another device holding the same cookie: B must not know the session any more.
    const elsewhere = await boards.newPage();
    await elsewhere.context().addCookies(sessionCookies);
    await elsewhere.goto(`${b}/square`);
    expect(await elsewhere.locator(".account-nav__name").count()).toBe(0);
    expect(await elsewhere.getByRole("link", { name: "로그인" }).count()).toBe(1);
  });

  it(
    `counts ${READERS} first-time readers of one post, split across both servers at once, exactly`,
    async () => {
      const { a, b } = servers();
      const post = await boards.db
        .selectFrom("posts")
        .innerJoin("boards", "boards.id", "posts.board_id")
        .select(["posts.id", "posts.view_count", "boards.slug"])
        .where("posts.deleted_at", "is", null)
        .orderBy("posts.comment_count", "asc")
        .orderBy("posts.id", "desc")
        .executeTakeFirstOrThrow();
      const path = `/${post.slug}/${post.id}`;
      const readers = newReaders(READERS);
      const viewsAdded = async () => {
        const row = await boards.db
          .selectFrom("posts")
          .select("view_count")
          .where("id", "=", post.id)
          .executeTakeFirstOrThrow();
        return row.view_count - post.view_count;
      };

      const started = performance.now();
      const [onA, onB] = await Promise.all([
        readAllAtOnce(a, path, readers.slice(0, READERS / 2)),
        readAllAtOnce(b, path, readers.slice(READERS / 2)),
      ]);
      console.log(`${READERS} readers on two servers: ${Math.round(performance.now() - started)} ms`);
      expect([...onA.statuses, ...onB.statuses].filter((status) => status !== 200)).toEqual([]);
      expect(await viewsAdded()).toBe(READERS);

      // The servers share the key that signs reader cookies: a reader of A coming back through B is the same reader.
      const returning = [
        ...(await readAllAtOnce(b, path, readers.slice(0, 100))).statuses,
        ...(await readAllAtOnce(a, path, readers.slice(READERS / 2, READERS / 2 + 100))).statuses,
      ];
      expect(returning.filter((status) => status !== 200)).toEqual([]);
      expect(await viewsAdded()).toBe(READERS);
    },
    BURST_TIMEOUT_MS,
  );

  it("lets a browser that logged in on A log in on B while its account is locked for every other browser", async () => {
    const { a, b } = servers();
    await createAccount(boards.db, { username: "besieged", password: "correct horse" });
    const owner = await boards.newPage({ javaScriptEnabled: false });
    expect((await logIn(owner, a, "besieged", "correct horse")).status()).toBe(303);
    const device = (await owner.context().cookies()).find((cookie) => cookie.name === "madang_device");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    await owner.context().clearCookies({ name: "madang_session" });
    // 20 wrong passwords from elsewhere fill the account's limit for an hour.
    const now = Date.now();
    const failures = Array.from({ length: 20 }, (_, i) => ({
      ip: `203.0.113.${i}`,
      username: "besieged",
      created_at: now,
    }));
    await boards.db.insertInto("login_failures").values(failures).execute();

    const stranger = await boards.newPage({ javaScriptEnabled: false });
    const refused = await logIn(stranger, b, "besieged", "correct horse");
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    await stranger.getByText("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.").waitFor();
    expect(await stranger.getByLabel("아이디").inputValue()).toBe("besieged");
    expect(await stranger.getByLabel("비밀번호").inputValue()).toBe("");

    expect((await logIn(owner, b, "besieged", "correct horse")).status()).toBe(303);
    await owner.getByRole("button", { name: "로그아웃" }).waitFor();
  });

  // Last: the failures it makes would hold back other logins from this address for a minute.
  it("counts failed logins on both servers toward one limit", async () => {
    const { a, b } = servers();
    await createAccount(boards.db, { username: "guessed", password: "correct horse" });
    const page = await boards.newPage({ javaScriptEnabled: false });
    for (const server of [a, b, a, b, a]) {
      expect((await logIn(page, server, "guessed", "wrong guess")).status()).toBe(400);
    }
    for (const server of [b, a]) {
      const refused = await logIn(page, server, "guessed", "correct horse");
      expect(refused.status()).toBe(429);
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
      await page.getByText("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.").waitFor();
    }
  });
});
