import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Kysely } from "kysely";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { openDatabase } from "#db/connection";
import { findFreePort } from "#db/throwaway-postgres";
import type { Database, Role } from "#db/types";
import { createUser, sessionCookieFor } from "../integration/support/board-fixtures";
import { CHROMIUM_PATH, createRunDir, REPO_ROOT } from "./paths";

const HOST = "127.0.0.1";
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;
// Two processes, whatever the machine: the cluster's cross-process behaviour is tested at a bounded cost.
const SERVER_WORKERS = 2;

/** `node server.js` ended before it answered: its exit code and everything it printed. */
export class ServerExitedError extends Error {
  constructor(
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`node server.js exited with code ${exitCode} before answering:\n${output}`);
  }
}

/** One `node server.js` (its primary and workers) started by a test. */
export interface RunningServer {
  baseUrl: string;
  /** The primary's process id; its workers are its child processes. */
  pid: number;
  stop(): Promise<void>;
  /** Whether the server process is still running. */
  isRunning(): boolean;
  /** Everything it printed so far. */
  output(): string;
  /** What it printed on stdout so far. */
  standardOutput(): string;
  /** What it printed on stderr so far. */
  errorOutput(): string;
}

export interface RunningBoard extends RunningServer {
  dbPath: string;
}

/**
 * Starts the built production server (`node server.js`) on a free port, over a fresh copy of the seeded
 * database, and resolves once it answers HTTP (`env` as for startServer).
 */
export async function startBoard(env: Record<string, string> = {}): Promise<RunningBoard> {
  const seededDb = inject("browserSeededDb");
  const dbPath = `${dirname(seededDb)}/${randomUUID()}.db`;
  copyFileSync(seededDb, dbPath);
  return { ...(await startServer(`file:${dbPath}`, env)), dbPath };
}

/**
 * Starts the built production server on a free port over the database `databaseUrl` names, and resolves once it
 * answers HTTP (`env` adds to or overrides its environment); rejects with a ServerExitedError if it exits first.
 * It logs errors only (LOG_LEVEL=error), so a test run is not buried under one line per request.
 * Test servers run with RATE_LIMITS=off, as a load test would, since tests write many posts and comments quickly
 * from accounts made moments before; a test of the limits passes `{ RATE_LIMITS: "on" }`.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await findFreePort();
  const baseUrl = `http://${HOST}:${port}`;

  const child = spawn(process.execPath, ["server.js"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: String(SERVER_WORKERS),
      LOG_LEVEL: "error",
      RATE_LIMITS: "off",
      // Each server keeps the images its test uploads in a folder of its own, never the repository's data/uploads.
      UPLOADS_DIR: createRunDir("uploads"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let standardOutput = "";
  let errorOutput = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
    standardOutput += chunk;
  });
  // Server errors (a loader throwing, say) explain failing tests, so they go to the test output as they happen.
  child.stderr.on("data", (chunk) => {
    output += chunk;
    errorOutput += chunk;
    process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // A worker that dies without running afterAll must not leave the server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const isRunning = () => child.exitCode === null && child.signalCode === null;

  async function stop() {
    process.off("exit", killOnExit);
    if (!isRunning()) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      process.off("exit", killOnExit);
      throw new ServerExitedError(child.exitCode, output);
    }
    try {
      await fetch(baseUrl, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      return {
        baseUrl,
        pid: child.pid!,
        stop,
        isRunning,
        output: () => output,
        standardOutput: () => standardOutput,
        errorOutput: () => errorOutput,
      };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`node server.js did not answer on ${baseUrl} within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** For a server that must refuse to start: its ServerExitedError. A server that starts instead is stopped. */
export async function serverStartFailure(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerExitedError> {
  const started = await startServer(databaseUrl, env).catch((error: unknown) => {
    if (error instanceof ServerExitedError) return error;
    throw error;
  });
  if (started instanceof ServerExitedError) return started;
  await started.stop();
  throw new Error(`node server.js started on ${databaseUrl}`);
}

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        // Tests stay offline: images and links in post bodies point at real sites; only the test server resolves.
        `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${HOST}`,
      ],
    });
  } catch (error) {
    throw new Error(
      `Could not launch ${CHROMIUM_PATH}; install it with \`apt-get install -y chromium\`.\n${String(error)}`,
      { cause: error },
    );
  }
}

export interface BoardInBrowser {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  readonly baseUrl: string;
  /** The SQLite file the server is using. */
  readonly dbPath: string;
  /**
   * A page in its own browser context (own cookies), whose relative `goto` paths resolve against the server.
   * Options such as `javaScriptEnabled: false` or another `userAgent` go to the context.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * Like newPage, but logged in as a new member made straight in the server's database (user row, session row,
   * session cookie), for tests about what members do rather than about signing up.
   */
  newMemberPage(username: string, options?: BrowserContextOptions & { role?: Role }): Promise<Page>;
  /** A second connection to the server's database, to arrange data or check what a request changed. */
  openDatabase(): Kysely<Database>;
}

/** Headless Chromium names itself HeadlessChrome, which the app rightly treats as a bot; tests play human readers. */
function readerUserAgent(browser: Browser): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
}

/** What went wrong in a context's pages: scripts or styles the content security policy refused, uncaught errors. */
const pageProblems = new WeakMap<BrowserContext, string[]>();

/**
 * A browser context of a human reader in Korea, whose relative `goto` paths resolve against `baseUrl`. Its pages are
 * watched: closeReaderContexts fails the test if one broke the content security policy or threw.
 */
export async function newReaderContext(
  browser: Browser,
  baseUrl: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    userAgent: readerUserAgent(browser),
    ...options,
  });
  const problems: string[] = [];
  pageProblems.set(context, problems);
  context.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) {
      problems.push(`${message.location().url}: ${message.text()}`);
    }
  });
  context.on("weberror", (error) => problems.push(`${error.page()?.url()}: ${String(error.error())}`));
  return context;
}

/** The problems a context's pages reported so far, which no longer fail the test: for tests that cause them. */
export function takePageProblems(context: BrowserContext): string[] {
  return pageProblems.get(context)?.splice(0) ?? [];
}

/** Closes the contexts a test opened, then fails it if any of their pages broke the policy or threw. */
export async function closeReaderContexts(contexts: BrowserContext[]): Promise<void> {
  await Promise.all(contexts.map((context) => context.close()));
  expect(contexts.flatMap((context) => pageProblems.get(context) ?? [])).toEqual([]);
}

/**
 * Gives the calling test file its own server, database and Chromium: started before its first test,
 * stopped after its last. Pages opened by a test are closed when the test ends. `serverEnv` goes to the server.
 */
export function useBoardInBrowser({ serverEnv = {} }: { serverEnv?: Record<string, string> } = {}): BoardInBrowser {
  let board: RunningBoard | undefined;
  let browser: Browser | undefined;
  const openContexts: BrowserContext[] = [];
  const openDatabases: Kysely<Database>[] = [];

  beforeAll(async () => {
    const [startedBoard, launchedBrowser] = await Promise.allSettled([startBoard(serverEnv), launchChromium()]);
    if (startedBoard.status === "fulfilled") board = startedBoard.value;
    if (launchedBrowser.status === "fulfilled") browser = launchedBrowser.value;
    if (startedBoard.status === "rejected") throw startedBoard.reason;
    if (launchedBrowser.status === "rejected") throw launchedBrowser.reason;
  });
  afterEach(() => closeReaderContexts(openContexts.splice(0)));
  afterAll(async () => {
    await Promise.all(openDatabases.splice(0).map((db) => db.destroy()));
    await browser?.close();
    await board?.stop();
  });

  function started(): { board: RunningBoard; browser: Browser } {
    if (!board || !browser)
      throw new Error("The board is not running: use it inside tests or hooks, not at import time.");
    return { board, browser };
  }

  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const { board: running, browser: launched } = started();
    const context = await newReaderContext(launched, running.baseUrl, options);
    openContexts.push(context);
    return context.newPage();
  }

  function openBoardDatabase(): Kysely<Database> {
    const db = openDatabase(`file:${started().board.dbPath}`);
    openDatabases.push(db);
    return db;
  }

  let arrangingDb: Kysely<Database> | undefined;

  return {
    get baseUrl() {
      return started().board.baseUrl;
    },
    get dbPath() {
      return started().board.dbPath;
    },
    newPage,
    async newMemberPage(username, { role = "member", ...options } = {}) {
      arrangingDb ??= openBoardDatabase();
      const cookie = await sessionCookieFor(arrangingDb, await createUser(arrangingDb, username, role));
      const [name, value] = cookie.split("=");
      const page = await newPage(options);
      await page.context().addCookies([{ name, value, url: started().board.baseUrl }]);
      return page;
    },
    openDatabase: openBoardDatabase,
  };
}

/** Resolves once React has hydrated the document, so clicks are handled by the app rather than as plain links. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")));
}

/** Marks the loaded document, so a later check tells an in-place update from a full page load. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
}

export async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);
}

/**
 * The 답글 or 신고 of one comment (not those of its replies) or of the post (`item` its article): a link to the page
 * with that form open without JavaScript and before the page hydrates, a button that opens it in place after.
 */
export function formToggle(item: Locator, role: "link" | "button", name: "답글" | "신고"): Locator {
  return item.locator(":scope > .comment__tools, :scope > .report").getByRole(role, { name, exact: true });
}
