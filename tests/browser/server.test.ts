import { serverStartFailure, useBoardInBrowser } from "../helpers/browser";
import { NEWER_MIGRATION, recordNewerMigration } from "../helpers/newer-migration";

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

describe("the production server", () => {
  it("refuses a cross-site form post with 403 and a Korean message, for pages and for data requests", async () => {
    for (const path of ["/login", "/login.data", "/square/399629"]) {
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
  });

  // Last: it leaves the board's database unusable for any server started after it.
  it("refuses to start on a database migrated by a newer version, with one line and exit code 1", async () => {
    await recordNewerMigration(board.openDatabase());
    const refused = await serverStartFailure(`file:${board.dbPath}`);
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([expect.stringContaining(NEWER_MIGRATION)]);
  });
});
