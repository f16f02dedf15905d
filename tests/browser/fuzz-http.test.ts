import fc from "fast-check";
import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { startBoard, type RunningBoard } from "../helpers/browser";
import { fuzzCase, requestPartsOf, type FuzzCase, type RequestParts } from "../helpers/fuzz/cases";
import { fingerprintOf } from "../helpers/fuzz/fingerprint";
import { createFuzzFixture, worldOf, type FuzzUsers } from "../helpers/fuzz/fixture";
import { fuzzSettings } from "../helpers/fuzz/settings";
import { bookkeepingOf, problemsWith } from "../helpers/fuzz/verdict";
import { parseHttpAnswer, rawHttpExchange } from "../helpers/raw-http";
import { sessionCookieFor } from "../integration/support/board-fixtures";

// The in-process fuzz (tests/integration/fuzz.test.ts) covers the app; this covers what only the real server sees:
// server.js's own handling of the request line, the Host header and the body's framing, over HTTP.

const settings = fuzzSettings(120);
let board: RunningBoard;
let db: Kysely<Database>;
let users: FuzzUsers;

beforeAll(async () => {
  board = await startBoard();
  db = openDatabase(`file:${board.dbPath}`);
  users = await createFuzzFixture(db);
});

afterAll(async () => {
  await db?.destroy();
  await board?.stop();
});

/** Request targets no browser sends: broken escapes, traversal, absolute and asterisk forms, an over-long line. */
const RAW_TARGETS = [
  "/%",
  "/%zz",
  "/square/%E0%A4%A",
  "/%00",
  "//",
  "///evil.example",
  "http://evil.example/",
  "*",
  "/..%2f..%2fpackage.json",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/build/..%2f..%2fserver.js",
  "/build/%2e%2e/index.js",
  "/favicon.svg/..",
  "/.env",
  "/a b",
  "/\u007f",
  "/free?page=%",
  `/${"a".repeat(20_000)}`,
];

const HOSTS = [
  "",
  "evil.example",
  "bad host",
  "[::1",
  "127.0.0.1:99999",
  "ü.example",
  "a".repeat(300),
  "%",
  "host:1:2",
];

interface EdgeCase {
  app: FuzzCase;
  /** The server's own host, another one, none, or two. */
  host: { kind: "own" } | { kind: "other"; value: string } | { kind: "none" } | { kind: "twice" };
  /** The target to send instead of the case's own. */
  target: string | null;
  /** How the body's end is told: its length, chunks, or a length shorter than the body. */
  framing: "length" | "chunked" | "short";
}

const edgeCase: fc.Arbitrary<EdgeCase> = fc.record({
  app: fuzzCase,
  host: fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: "own" as const }) },
    fc.constantFrom(...HOSTS).map((value) => ({ kind: "other" as const, value })),
    fc.constantFrom({ kind: "none" as const }, { kind: "twice" as const }),
  ),
  target: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, fc.constantFrom(...RAW_TARGETS)),
  framing: fc.oneof({ weight: 6, arbitrary: fc.constant("length" as const) }, fc.constantFrom("chunked", "short")),
});

function wireRequest(edge: EdgeCase, parts: RequestParts): Buffer {
  const ownHost = new URL(board.baseUrl).host;
  const hosts = { own: [ownHost], none: [], twice: [ownHost, "evil.example"] } as Record<string, string[]>;
  const lines = [`${parts.method} ${edge.target ?? parts.target} HTTP/1.1`];
  for (const host of edge.host.kind === "other" ? [edge.host.value] : hosts[edge.host.kind])
    lines.push(`Host: ${host}`);
  for (const [name, value] of parts.headers) lines.push(`${name}: ${value}`);
  lines.push("Connection: close");
  const body = parts.body ? Buffer.from(parts.body) : null;
  if (body && edge.framing === "chunked") lines.push("Transfer-Encoding: chunked");
  else if (body) lines.push(`Content-Length: ${edge.framing === "short" ? Math.floor(body.length / 2) : body.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`);
  if (!body) return head;
  if (edge.framing !== "chunked") return Buffer.concat([head, body]);
  return Buffer.concat([head, Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n0\r\n\r\n")]);
}

it(`answers ${settings.numRuns} hostile HTTP requests (paths, Host headers, framing) without a 5xx, an internal detail or a write on refusal`, async () => {
  await fc.assert(
    fc.asyncProperty(edgeCase, async (edge) => {
      const world = await worldOf(db);
      const session = edge.app.role === "visitor" ? null : await sessionCookieFor(db, users[edge.app.role]);
      const parts = await requestPartsOf(edge.app, world, board.baseUrl, session);
      const before = await fingerprintOf(db);
      const outputBefore = board.output().length;
      const exchange = await rawHttpExchange(board.baseUrl, wireRequest(edge, parts));
      const answer = parseHttpAnswer(exchange.answer);
      const after = await fingerprintOf(db);
      const problems = problemsWith({ ...answer, before, after, bookkeeping: bookkeepingOf(edge.app) });
      if (answer.status === 0 && !exchange.reset) problems.push("the server closed the connection without an answer");
      // A reset is Node refusing the request head, unless a worker died of the request (server.js says so).
      if (/died/.test(board.output().slice(outputBefore)))
        problems.push(`a worker died: ${board.output().slice(outputBefore)}`);
      if (problems.length > 0) {
        const sent = `${parts.method} ${(edge.target ?? parts.target).slice(0, 300)}`;
        throw new Error([`${sent} → ${answer.status}`, ...problems].join("\n").slice(0, 4000));
      }
    }),
    settings,
  );
}, 600_000);
