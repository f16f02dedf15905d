import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type KyselyConfig,
} from "kysely";
import SQLite from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Engine, PlanStep } from "./engine";
import { WRITE_LOCK_WAIT_MS, isLocked, waitingForTheWriteLock } from "./sqlite-lock-wait";
import type { Database } from "./types";

/** Everything specific to SQLite lives here: opening the file, its pragmas, how a write transaction starts. */
export function openSqliteFile(path: string): SQLite.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return sqlite;
}

/** `file:data/madang.db` (relative to the working directory) or a plain path. */
export function sqlitePathFromUrl(url: string): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/**
 * One connection per process: better-sqlite3 is synchronous, and WAL lets other processes read meanwhile. Its
 * busy_timeout is 0: a statement that finds another process holding the write lock waits between tries without
 * blocking the event loop (db/sqlite-lock-wait.ts), for up to `lockWaitMs`.
 */
export function openSqlite(
  url: string,
  { log, lockWaitMs = WRITE_LOCK_WAIT_MS }: { log?: KyselyConfig["log"]; lockWaitMs?: number } = {},
): Kysely<Database> {
  const sqlite = withStatementCache(openSqliteFile(sqlitePathFromUrl(url)));
  sqlite.pragma("busy_timeout = 0");
  return new Kysely<Database>({ dialect: new ImmediateTransactionSqliteDialect(sqlite, lockWaitMs), log });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query it runs, and preparing (parsing and planning the SQL) was 3 % of a worker's CPU on the
 * member list. The app's queries are a few hundred shapes with their values bound as parameters, so each prepared
 * statement is kept by its SQL and used again. Safe because Kysely runs one query at a time on the connection and the
 * app never iterates a statement (which would hold it busy); SQLite prepares a kept statement again by itself after
 * a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      // The oldest out first: a Map iterates in insertion order.
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      statements.set(source, statement);
    }
    return statement;
  }) as SQLite.Database["prepare"];
  return sqlite;
}

/**
 * The app's transactions all write, so they begin IMMEDIATE: the write lock is taken up front (waiting as above). A
 * deferred BEGIN that reads first fails with SQLITE_BUSY_SNAPSHOT, which no wait can retry, whenever another process
 * (server.js runs one per core) commits before the transaction's first write.
 */
class ImmediateTransactionSqliteDialect extends SqliteDialect {
  readonly #sqlite: SQLite.Database;
  readonly #lockWaitMs: number;

  constructor(sqlite: SQLite.Database, lockWaitMs: number) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#lockWaitMs = lockWaitMs;
  }

  createDriver(): Driver {
    const driver = super.createDriver();
    const acquireConnection = driver.acquireConnection.bind(driver);
    let waiting: DatabaseConnection | undefined;
    // Kysely's SQLite driver hands out its one connection, one query or transaction at a time.
    driver.acquireConnection = async () => {
      const connection = await acquireConnection();
      waiting ??= waitingForTheWriteLock(connection, this.#sqlite, this.#lockWaitMs);
      return waiting;
    };
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

/** "SCAN posts", "SCAN posts USING INDEX x", "SEARCH posts USING COVERING INDEX x (...)" */
function planStepOf(detail: string): PlanStep {
  const step = /^(SCAN|SEARCH) (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail);
  return {
    detail,
    table: step?.[2] ?? null,
    index: step?.[3] ?? null,
    fullScan: step?.[1] === "SCAN",
  };
}

export const sqliteEngine: Engine = {
  name: "sqlite",
  columnTypes: { id: "integer", bigint: "integer" },
  identityPrimaryKey: (column) => column.primaryKey().autoIncrement(),
  onlySlugCharacters: (column) => sql<boolean>`${sql.raw(column)} not glob '*[^a-z0-9-]*'`,
  // AUTOINCREMENT already continues after the largest id inserted, explicit or not.
  resetIdSequences: async () => {},
  async queryPlan(db, query) {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    return rows.map((row) => planStepOf(row.detail));
  },
  // One writer at a time, each waiting for the lock (up to 5 s): transactions never fail because of each other.
  isRetryableTransactionError: () => false,
  // The file cannot be opened or read (a disk gone, a folder removed); SQLITE_BUSY only means waiting longer.
  isUnavailableError(error) {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === "string" && /^SQLITE_(CANTOPEN|IOERR)/.test(code);
  },
  // What db/sqlite-lock-wait.ts throws once the other process held the write lock for the whole wait.
  isBusyError: isLocked,
};
