import type { CompiledQuery, DatabaseConnection, QueryResult } from "kysely";
import type SQLite from "better-sqlite3";

/**
 * How long a statement waits for another process's write lock before it fails with SQLITE_BUSY: the bound
 * `busy_timeout = 5000` gave before the wait moved out of SQLite (ADR 031).
 */
export const WRITE_LOCK_WAIT_MS = 5_000;

// The holder (the other worker) usually commits within a fraction of a millisecond: the first tries come back after
// the event loop has run what was pending, the later ones after a random pause of up to a few milliseconds, so two
// waiters do not retry in step.
const RETRIES_ON_NEXT_TURN = 3;
const LONGEST_PAUSE_MS = 4;

/**
 * The connection, with a statement that finds the database locked by another process tried again after a short
 * pause instead of waiting in SQLite's busy handler, which sleeps the whole process (better-sqlite3 is
 * synchronous): the event loop serves other requests meanwhile. Only a statement that ran outside a transaction is
 * tried again, since its failure left nothing behind: `begin immediate` (the write lock for a whole transaction) and
 * autocommit statements. The connection's busy_timeout must be 0. After `waitMs` the last SQLITE_BUSY is thrown,
 * as busy_timeout threw it.
 */
export function waitingForTheWriteLock(
  connection: DatabaseConnection,
  sqlite: SQLite.Database,
  waitMs: number,
): DatabaseConnection {
  return {
    executeQuery: <R>(query: CompiledQuery) =>
      retriedWhileLocked(() => connection.executeQuery<R>(query), sqlite, waitMs),
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

async function retriedWhileLocked<R>(
  run: () => Promise<QueryResult<R>>,
  sqlite: SQLite.Database,
  waitMs: number,
): Promise<QueryResult<R>> {
  let deadline: number | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isLocked(error) || sqlite.inTransaction) throw error;
      deadline ??= performance.now() + waitMs;
      const left = deadline - performance.now();
      if (left <= 0) throw error;
      await pause(attempt, left);
    }
  }
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY while another process recovers the WAL). */
export function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

function pause(attempt: number, leftMs: number): Promise<void> {
  if (attempt < RETRIES_ON_NEXT_TURN) return new Promise((resolve) => setImmediate(resolve));
  const ms = Math.min(leftMs, 1 + Math.random() * (LONGEST_PAUSE_MS - 1));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
