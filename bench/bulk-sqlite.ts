import SQLite from "better-sqlite3";
import { rmSync } from "node:fs";
import { openDatabase } from "#db/connection";
import { migrateToLatest } from "#db/migrator";
import type { BulkLoad } from "./bulk-load";

/**
 * Raw prepared statements (SQLite-only, and only here) with the journal in memory and no syncing, which is safe
 * because a failed run just leaves a file to delete. The file at `path` is replaced.
 */
export async function openSqliteBulkLoad(path: string): Promise<BulkLoad> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const db = openDatabase(`file:${path}`);
  await migrateToLatest(db);
  await db.destroy();

  const sqlite = new SQLite(path);
  // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF; an in-memory journal is as fast.
  sqlite.pragma("journal_mode = DELETE");
  if (sqlite.pragma("journal_mode = MEMORY", { simple: true }) !== "memory") {
    throw new Error("could not set journal_mode");
  }
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -1000000");
  sqlite.pragma("temp_store = MEMORY");

  const inTransaction = sqlite.transaction((statement: SQLite.Statement, rows: unknown[][]) => {
    for (const row of rows) statement.run(...row);
  });
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (text: string) => {
    const statement = statements.get(text) ?? sqlite.prepare(text);
    statements.set(text, statement);
    return statement;
  };
  return {
    async insert(table, columns, rows) {
      const placeholders = columns.map(() => "?").join(", ");
      inTransaction(prepared(`insert into ${table} (${columns.join(", ")}) values (${placeholders})`), rows);
    },
    // The FTS5 tables of db/search-sqlite.ts, written as it writes them.
    async insertSearchIndex(kind, rows) {
      if (kind === "posts") {
        const statement = prepared("insert into post_search (rowid, title, body) values (?, ?, ?)");
        inTransaction(
          statement,
          rows.map((row) => [row.id, row.titleGrams.join(" "), row.bodyGrams.join(" ")]),
        );
      } else {
        const statement = prepared("insert into comment_search (rowid, body) values (?, ?)");
        inTransaction(
          statement,
          rows.map((row) => [row.id, row.bodyGrams.join(" ")]),
        );
      }
    },
    async setCounts(table, column, counts) {
      const rows = [...counts].map(([id, count]) => [count, id]);
      inTransaction(prepared(`update ${table} set ${column} = ? where id = ?`), rows);
    },
    async close() {
      sqlite.pragma("journal_mode = WAL");
      sqlite.close();
    },
  };
}
