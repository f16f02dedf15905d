import { CompiledQuery, SqliteDialect, type Driver } from "kysely";
import SQLite from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Everything specific to SQLite lives here: opening the file and its pragmas.
 * A PostgreSQL dialect would get a sibling of this file; queries elsewhere use Kysely's builder only.
 */
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
 * The app's transactions all write, so they begin IMMEDIATE: the write lock is taken up front, waiting on
 * busy_timeout. A deferred BEGIN that reads first fails with SQLITE_BUSY_SNAPSHOT, which busy_timeout cannot retry,
 * whenever another process (server.js runs one per core) commits before the transaction's first write.
 */
export class ImmediateTransactionSqliteDialect extends SqliteDialect {
  createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}
