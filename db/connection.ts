import { Kysely } from "kysely";
import type { Database } from "./types";
import { ImmediateTransactionSqliteDialect, openSqliteFile, sqlitePathFromUrl } from "./sqlite";

export const DEFAULT_DATABASE_URL = "file:data/madang.db";

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** One connection per process: better-sqlite3 is synchronous, and WAL lets other processes read meanwhile. */
export function openDatabase(url: string = databaseUrlFromEnv()): Kysely<Database> {
  const sqlite = openSqliteFile(sqlitePathFromUrl(url));
  return new Kysely<Database>({ dialect: new ImmediateTransactionSqliteDialect({ database: sqlite }) });
}
