import { serverStartFailure, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { NEWER_MIGRATION, recordNewerMigration } from "../helpers/newer-migration";
import { rawHttpExchange } from "../helpers/raw-http";
import { KAKAO_POST_ID } from "../helpers/square-posts";

const board = useBoardInBrowser();
const browserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

function post(path: string, origin: string) {
  return fetch(`${board.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": browserAgent },
    body: "username=nobody&password=wrong-password",
  });
}

async function get(path: string) {
  const response = await fetch(`${board.baseUrl}${path}`, { headers: { "User-Agent": browserAgent } });
  return { response, body: await response.text() };
}

/** The nonce a response's policy lets scripts run with. */
function nonceOf(response: Response): string {
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  return nonce!;
}

function scriptNoncesIn(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\snonce="([^"]*)"/g)].map((match) => match[1]);
}

function expectSecurityHeaders(response: Response) {
  const policy = response.headers.get("content-security-policy") ?? "";
  // One policy only: a second one would be enforced too, and refuse the scripts the first allows.
  expect(policy.match(/default-src/g)).toHaveLength(1);
  for (const directive of [
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' https:",
    "frame-src https://www.youtube-nocookie.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain("unsafe");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
  // NODE_ENV=production, but plain http and no trusted proxy: HSTS would mean nothing here.
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

describe("the production server", () => {
  it("refuses a cross-site form post with 403 and a Korean message, for pages and for data requests", async () => {
    for (const path of ["/login", "/login.data", `/square/${KAKAO_POST_ID}`]) {
      const response = await post(path, "http://evil.example");
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("허용되지 않은 요청입니다.");
    }
    expect((await post("/login", "null")).status).toBe(403);
  });

  it("lets a same-site form post reach its action", async () => {
    const response = await post("/login", board.baseUrl);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("아이디 또는 비밀번호가 올바르지 않습니다.");
  });

  it("never serves a logged-out reader's cached list to another who excludes categories", async () => {
    const plain = await fetch(`${board.baseUrl}/square`, { headers: { "User-Agent": browserAgent } });
    expect(await plain.text()).not.toContain("카테고리를 숨기는 중입니다");
    const excluding = await fetch(`${board.baseUrl}/square`, {
      headers: { "User-Agent": browserAgent, Cookie: "madang_exclude=news" },
    });
    const html = await excluding.text();
    expect(html).toContain("카테고리를 숨기는 중입니다");
    expect(html).not.toContain("카카오, 내년부터");
  });

  it("serves fingerprinted build files with a year of immutable caching, compressed", async () => {
    const page = await (await fetch(`${board.baseUrl}/square`, { headers: { "User-Agent": browserAgent } })).text();
    const asset = /\/build\/[^"]+\.css/.exec(page)?.[0];
    expect(asset).toBeDefined();
    const response = await fetch(`${board.baseUrl}${asset}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expectSecurityHeaders(response);
  });

  it("sends the security headers on pages, with a fresh nonce that every inline script of the page carries", async () => {
    const pages = await Promise.all(["/", "/"].map((path) => get(path)));
    const nonces = [];
    for (const page of pages) {
      expectSecurityHeaders(page.response);
      const nonce = nonceOf(page.response);
      expect(scriptNoncesIn(page.body)).toEqual(expect.arrayContaining([nonce]));
      expect(new Set(scriptNoncesIn(page.body))).toEqual(new Set([nonce]));
      expect(page.body).not.toMatch(/<script(?![^>]*\snonce=")(?![^>]*\ssrc=)/);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("replays a cached list page with the policy its own nonce is in", async () => {
    // Two workers: of three requests in a row, two reach the same worker, and its second is the cached copy.
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await get("/square"));
    for (const page of pages) {
      expectSecurityHeaders(page.response);
      expect(new Set(scriptNoncesIn(page.body))).toEqual(new Set([nonceOf(page.response)]));
    }
    expect(new Set(pages.map((page) => nonceOf(page.response))).size).toBeLessThan(3);
  });

  it("sends the security headers, without a nonce, on data requests, refusals and static files", async () => {
    const responses = [
      (await get("/square.data")).response,
      (await get(`/square/${KAKAO_POST_ID}.data`)).response,
      await post("/login", "http://evil.example"),
      (await get("/favicon.svg")).response,
    ];
    for (const response of responses) {
      expectSecurityHeaders(response);
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self';");
    }
  });

  // Its 50 ms target is measured by `npm run bench` (the health check row), not here.
  it("answers the health check with 200 ok, uncached and without a cookie", async () => {
    const response = await fetch(`${board.baseUrl}/healthz`);
    const body = await response.text();
    expect({ status: response.status, body }).toEqual({ status: 200, body: "ok" });
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("answers a path no route matches with a Korean 404 page, never Remix's message", async () => {
    const response = await fetch(`${board.baseUrl}/a/b/c/d`, { headers: { "User-Agent": browserAgent } });
    const html = await response.text();
    expect(response.status).toBe(404);
    expect(html).toContain("페이지를 찾을 수 없습니다");
    expect(html).not.toContain("No route matches");
  });

  it("hydrates that 404 page in the browser without a React error, and its link leads to the front page", async () => {
    const page = await board.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      // The browser logs the document's own 404 status; React's errors are what must not appear.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(message.text());
      }
    });
    const response = await page.goto("/a/b/c");
    expect(response?.status()).toBe(404);
    await waitForHydration(page);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("페이지를 찾을 수 없습니다");
    await page.getByRole("link", { name: "첫 화면으로" }).click();
    await page.waitForURL(`${board.baseUrl}/`);
    await page.getByRole("heading", { level: 1 }).filter({ hasNotText: "페이지를 찾을 수 없습니다" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("answers a method a page does not take with a Korean 405 page, for the page and its data request", async () => {
    for (const path of ["/about", "/about.data"]) {
      const response = await fetch(`${board.baseUrl}${path}`, {
        method: "POST",
        headers: { Origin: board.baseUrl, "User-Agent": browserAgent },
      });
      const body = await response.text();
      expect({ path, status: response.status }).toEqual({ path, status: 405 });
      expect(body).not.toContain("did not provide an `action`");
      if (path === "/about") expect(body).toContain("이 주소에서는 할 수 없는 요청입니다");
    }
  });

  it.each(["/%", "/a%ZZ", "/%.css", "/square/%E0%A4%A"])(
    "answers the malformed path %s with a Korean 400",
    async (path) => {
      const response = await fetch(`${board.baseUrl}${path}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe("잘못된 요청입니다. 주소를 확인해 주세요.");
    },
  );

  it("answers a chunked form over its limit with a Korean 413, not a closed connection", async () => {
    const { host } = new URL(board.baseUrl);
    const chunk = `a=${"x".repeat(1_000)}&`;
    const chunks = Array.from({ length: 80 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
    const request =
      `POST /settings/filters HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${board.baseUrl}\r\nConnection: close\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`;
    const { answer, reset } = await rawHttpExchange(board.baseUrl, request);
    expect(reset).toBe(false);
    expect(answer.toString("utf8")).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toString("utf8")).toContain("요청이 너무 큽니다.");
  });

  it("answers a malformed Host header with a Korean 400", async () => {
    const request = "GET / HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n";
    const answer = (await rawHttpExchange(board.baseUrl, request)).answer.toString("utf8");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("잘못된 요청입니다. 주소를 확인해 주세요.");
  });

  // Last: it leaves the board's database unusable for any server started after it.
  it("refuses to start on a database migrated by a newer version, with one line and exit code 1", async () => {
    await recordNewerMigration(board.openDatabase());
    const refused = await serverStartFailure(`file:${board.dbPath}`);
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([expect.stringContaining(NEWER_MIGRATION)]);
  });
});
