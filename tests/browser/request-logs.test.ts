import { sql } from "kysely";
import { openDatabase } from "#db/connection";
import { serverStartFailure, startBoard, type RunningBoard } from "../helpers/browser";

// The production server as an operator runs it, logging every request (LOG_LEVEL=info).
const browserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const PASSWORD = "로그에-남으면-안-되는-비밀번호";
const SECRETS = {
  password: PASSWORD,
  cookie: "cookie-value-that-must-not-be-logged",
  authorization: "authorization-that-must-not-be-logged",
  query: "검색어-값도-남지-않는다",
};

let board: RunningBoard;
/** Each response's X-Request-Id, with the line it should have. */
const sent: { requestId: string; method: string; path: string; status: number }[] = [];

beforeAll(async () => {
  board = await startBoard({ LOG_LEVEL: "info" });
});
afterAll(() => board.stop());

/** Sends a request with a cookie and an Authorization header, and notes what its log line should say. */
async function request(path: string, init: RequestInit = {}, loggedPath = path) {
  const response = await fetch(`${board.baseUrl}${path}`, {
    redirect: "manual",
    ...init,
    headers: {
      "User-Agent": browserAgent,
      Cookie: `madang_reader=${SECRETS.cookie}`,
      Authorization: `Bearer ${SECRETS.authorization}`,
      ...init.headers,
    },
  });
  await response.arrayBuffer();
  const requestId = response.headers.get("x-request-id") ?? "";
  expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  sent.push({ requestId, method: init.method ?? "GET", path: loggedPath, status: response.status });
  return response;
}

function formPost(path: string, fields: Record<string, string>) {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("request logs", () => {
  it("refuses to start with a LOG_LEVEL pino does not have, in one line", async () => {
    const refused = await serverStartFailure(`file:${board.dbPath}`, { LOG_LEVEL: "verbose" });
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of /)]);
  });

  // Last: it damages the board's database and stops the server.
  it("writes one JSON line per request on stdout with its X-Request-Id and no secret, errors with their stack on stderr", async () => {
    await request(`/square?page=2&q=${encodeURIComponent(SECRETS.query)}`, {}, "/square?page=[redacted]&q=[redacted]");
    const signedUp = await formPost("/signup", { username: "log_member", password: PASSWORD });
    expect(signedUp.status).toBe(303);
    expect(signedUp.headers.get("set-cookie")).toMatch(/^madang_session=/);
    expect((await formPost("/login", { username: "log_member", password: `${PASSWORD}!` })).status).toBe(400);
    expect((await request("/no/such/page")).status).toBe(404);
    const db = openDatabase(`file:${board.dbPath}`);
    await sql`ALTER TABLE boards RENAME TO boards_gone`.execute(db);
    await db.destroy();
    expect((await request("/")).status).toBe(500);
    // Lines are written asynchronously: a normal shutdown must not lose any.
    await board.stop();

    const requestLines = jsonLines(board.standardOutput()).filter((line) => line.msg === "request");
    for (const expected of sent) {
      const lines = requestLines.filter((line) => line.requestId === expected.requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: "info",
        method: expected.method,
        path: expected.path,
        status: expected.status,
        durationMs: expect.any(Number),
      });
      expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect([1, 2]).toContain(lines[0].worker);
    }
    // Besides them, only the probe startBoard sends until the server answers.
    const sentIds = new Set(sent.map((expected) => expected.requestId));
    const others = requestLines.filter((line) => !sentIds.has(line.requestId as string));
    expect(others.map((line) => `${line.method} ${line.path}`)).toEqual(others.map(() => "GET /"));

    const errorLines = jsonLines(board.errorOutput());
    expect(errorLines.filter((line) => line.msg === "request")).toEqual([]);
    const failure = errorLines.find((line) => line.level === "error" && line.requestId === sent.at(-1)!.requestId);
    expect(failure?.err).toMatchObject({
      message: expect.stringContaining("no such table"),
      stack: expect.stringMatching(/\n\s+at /),
    });

    for (const secret of [...Object.values(SECRETS), "madang_session="]) expect(board.output()).not.toContain(secret);
  });
});
