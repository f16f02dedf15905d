import { serverStartFailure, startBoard, type RunningBoard } from "../helpers/browser";
import { KAKAO_POST_ID } from "../helpers/square-posts";

// The production server (NODE_ENV=production) as an operator runs it behind one TLS-terminating reverse proxy.
const browserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const PASSWORD = "프록시 뒤의 비밀번호";
const HSTS = "max-age=31536000; includeSubDomains";

let board: RunningBoard;

beforeAll(async () => {
  board = await startBoard({ TRUST_PROXY: "1" });
});
afterAll(() => board.stop());

/** What the proxy forwards of a visit over https: the browser's https Origin matches the URL the server builds. */
function overHttps(): Record<string, string> {
  return { "X-Forwarded-Proto": "https", Origin: board.baseUrl.replace(/^http:/, "https:") };
}

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${board.baseUrl}${path}`, { redirect: "manual", headers: { "User-Agent": browserAgent, ...headers } });
}

function formPost(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${board.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "User-Agent": browserAgent, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields),
  });
}

describe("a board behind a trusted proxy (TRUST_PROXY=1)", () => {
  it("asks for HTTPS (HSTS) on pages and static files only when the proxy says the visitor came over https", async () => {
    for (const path of ["/about", "/favicon.svg"]) {
      expect((await get(path)).headers.get("strict-transport-security")).toBeNull();
      expect((await get(path, overHttps())).headers.get("strict-transport-security")).toBe(HSTS);
    }
  });

  it("logs in over plain http with NODE_ENV=production, with cookies that are not Secure", async () => {
    const signedUp = await formPost("/signup", { username: "proxy_member", password: PASSWORD });
    expect(signedUp.status).toBe(303);
    const cookies = signedUp.headers.getSetCookie();
    expect(cookies.map((cookie) => cookie.split("=")[0])).toEqual(["madang_session", "madang_device"]);
    for (const cookie of cookies) expect(cookie).not.toMatch(/Secure/i);
  });

  it("sets every cookie Secure when the proxy says https, and takes the https form posts", async () => {
    const loggedIn = await formPost("/login", { username: "proxy_member", password: PASSWORD }, overHttps());
    expect(loggedIn.status).toBe(303);
    const hidden = await formPost("/settings/filters", { exclude: "news" }, overHttps());
    const read = await get(`/square/${KAKAO_POST_ID}`, overHttps());
    const cookies = [loggedIn, hidden, read].flatMap((response) => response.headers.getSetCookie());
    expect(cookies.map((cookie) => cookie.split("=")[0])).toEqual([
      "madang_session",
      "madang_device",
      "madang_exclude",
      "madang_reader",
    ]);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure$/);
  });

  it("refuses to start with a TRUST_PROXY that is not a number of proxies, in one line", async () => {
    const refused = await serverStartFailure(`file:${board.dbPath}`, { TRUST_PROXY: "true" });
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([
      expect.stringMatching(/^TRUST_PROXY must be the number of reverse proxies in front of the server/),
    ]);
  });
});
