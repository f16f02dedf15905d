import type { Kysely, KyselyConfig } from "kysely";
import { isDatabaseUnavailable, type EngineName } from "./engine";
import { openPostgres } from "./postgres";
import { openSqlite } from "./sqlite";
import type { Database } from "./types";

export const DEFAULT_DATABASE_URL = "file:data/madang.db";

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** postgres:// and postgresql:// are PostgreSQL; file: URLs and plain paths are SQLite files. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

function checkedPostgresUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed?.hostname) {
    throw new Error(
      `DATABASE_URL is not a valid PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DB): ${redactUrl(url)}`,
    );
  }
  return url;
}

/** The engine the URL names; throws for a scheme that is neither. */
export function engineNameOfUrl(url: string): EngineName {
  if (isPostgresUrl(url)) return "postgres";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or file:, not ${redactUrl(url)}`);
  }
  return "sqlite";
}

/** Opens the database the URL names; nothing connects until the first query. */
export function openDatabase(
  url: string = databaseUrlFromEnv(),
  options: { log?: KyselyConfig["log"] } = {},
): Kysely<Database> {
  if (engineNameOfUrl(url) === "postgres") return openPostgres(checkedPostgresUrl(url), options);
  return openSqlite(url, { log: options.log });
}

/** Opens the database at `url`, runs `work`, and closes it however `work` ends. */
export async function withDatabase<T>(url: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = openDatabase(url);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** One line saying what went wrong with the database at `url`, never its password. */
export function describeDatabaseError(error: unknown, url: string): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const where = redactUrl(url);
  if (isDatabaseUnavailable(error))
    return `데이터베이스 서버에 연결할 수 없습니다 (cannot reach the database server, ${code ?? message}): ${where}`;
  if (code === "28P01" || code === "28000") return `데이터베이스 로그인 실패 (login refused: ${message}): ${where}`;
  if (code === "3D000") return `데이터베이스가 없습니다 (${message}): ${where}`;
  return (message ?? String(error)).split("\n")[0];
}
