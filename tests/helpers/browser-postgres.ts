import type { Kysely } from "kysely";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { closeReaderContexts, launchChromium, newReaderContext, startServer, type RunningServer } from "./browser";
import {
  databaseUrl,
  onServer,
  startThrowawayPostgres,
  testPostgresServer,
  uniqueDatabaseName,
  type ThrowawayPostgres,
} from "./postgres-server";
import { prepareDatabase } from "./prepare-database";

/**
 * The browser tier on PostgreSQL, only for the test files that need it (the rest stay on SQLite): one database,
 * migrated and seeded as `npm start` does, with several app servers on it.
 */
export interface BoardsOnPostgres {
  /** The app servers, each `node server.js` with its own workers, all on the one database. */
  readonly servers: RunningServer[];
  /** A page in its own browser context (own cookies); cookies ignore the port, so they reach every server. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A connection to the board's database, to arrange data or check what requests changed. */
  readonly db: Kysely<Database>;
  readonly databaseUrl: string;
  /** The board's own PostgreSQL, to shut down and start again; only with `ownPostgres`. */
  readonly postgres: ThrowawayPostgres;
}

/**
 * Starts, before the file's first test, a PostgreSQL server (DATABASE_TEST_URL's, else a throwaway one; always a
 * throwaway one with `ownPostgres`, for a test that stops it), a seeded database, `serverCount` app servers and
 * Chromium; stops them after its last. Fails, never skips, when PostgreSQL cannot be had.
 */
export function useBoardsOnPostgres({
  serverCount,
  ownPostgres = false,
  serverEnv = {},
}: {
  serverCount: number;
  ownPostgres?: boolean;
  /** Added to each app server's environment. */
  serverEnv?: Record<string, string>;
}): BoardsOnPostgres {
  let postgres: ThrowawayPostgres | undefined;
  let release: (() => Promise<void>) | undefined;
  let url: string | undefined;
  let db: Kysely<Database> | undefined;
  let browser: Browser | undefined;
  const servers: RunningServer[] = [];
  const openContexts: BrowserContext[] = [];

  beforeAll(async () => {
    const launching = launchChromium().then((launched) => (browser = launched));
    let adminUrl: string;
    if (ownPostgres) {
      postgres = await startThrowawayPostgres();
      adminUrl = postgres.adminUrl;
      release = () => postgres!.stop();
    } else {
      const server = await testPostgresServer();
      adminUrl = server.adminUrl;
      release = server.release;
    }
    const name = uniqueDatabaseName("madang_browser");
    await onServer(adminUrl, (client) => client.query(`create database "${name}"`));
    if (!ownPostgres) {
      const releaseServer = release;
      release = async () => {
        await onServer(adminUrl, (client) => client.query(`drop database "${name}" with (force)`));
        await releaseServer();
      };
    }
    url = databaseUrl(adminUrl, name);
    await prepareDatabase(url);
    db = openDatabase(url);
    const started = await Promise.allSettled(Array.from({ length: serverCount }, () => startServer(url!, serverEnv)));
    for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    await launching;
  });
  afterEach(() => closeReaderContexts(openContexts.splice(0)));
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await db?.destroy();
    await release?.();
  });

  function ready<T>(value: T | undefined): T {
    if (value === undefined) throw new Error("The boards are not running: use them inside tests or hooks.");
    return value;
  }

  return {
    servers,
    async newPage(options = {}) {
      const context = await newReaderContext(ready(browser), ready(servers[0]).baseUrl, options);
      openContexts.push(context);
      return context.newPage();
    },
    get db() {
      return ready(db);
    },
    get databaseUrl() {
      return ready(url);
    },
    get postgres() {
      return ready(postgres);
    },
  };
}
