import { sql } from "kysely";
import { execFile } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import { BackupRefused, assertBoardDatabase, checkBoard, firstTableWithRows, type BackupEngine } from "./board-check";
import { redactUrl, withDatabase } from "./connection";
import type { AnyKysely } from "./engine";
import { installedPostgresTools } from "./postgres-tools";

/** The URL as libpq's environment variables: the password never appears on a command line, where `ps` shows it. */
function libpqEnvironment(url: string): Record<string, string> {
  const parsed = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname),
    PGPORT: parsed.port || "5432",
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/**
 * The server's major version's own tool when installed (Debian: /usr/lib/postgresql/<v>/bin), else the nearest newer
 * one, else the one on PATH: pg_dump refuses a server newer than itself.
 */
async function findTool(db: AnyKysely, tool: "pg_dump" | "pg_restore"): Promise<{ path: string; major: number }> {
  const { rows } = await sql<{ version: string }>`show server_version_num`.execute(db);
  const major = Math.floor(Number(rows[0].version) / 10_000);
  const newer = installedPostgresTools(tool).find((installed) => installed.major >= major);
  return { path: newer?.path ?? tool, major };
}

async function runTool(path: string, args: string[], url: string): Promise<void> {
  try {
    await promisify(execFile)(path, ["--no-password", ...args], {
      env: { ...process.env, ...libpqEnvironment(url) },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { code, stderr = "" } = error as { code?: string; stderr?: string };
    if (code === "ENOENT")
      throw new BackupRefused(`${path}이(가) 없습니다 (not installed): apt-get install postgresql-client`);
    const firstError = stderr.split("\n").find((line) => line.trim()) ?? String(error);
    throw new BackupRefused(`${path.split("/").pop()} 실패 (failed): ${firstError.trim()}`);
  }
}

export const postgresBackup: BackupEngine = {
  describeTool: (url) =>
    withDatabase(url, async (db) => {
      const { path, major } = await findTool(db, "pg_dump");
      return `${path} / pg_restore, custom format (server ${major})`;
    }),

  // pg_dump reads one snapshot, exported from the transaction the rows are counted in: the counts are the dump's.
  backupTo: (url, file) =>
    withDatabase(url, async (db) => {
      await assertBoardDatabase(db, redactUrl(url));
      const pgDump = await findTool(db, "pg_dump");
      const partial = `${file}.partial-${process.pid}`;
      try {
        const check = await db.connection().execute(async (connection) => {
          await sql`begin isolation level repeatable read read only`.execute(connection);
          try {
            const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(
              connection,
            );
            const counted = await checkBoard(connection);
            await runTool(pgDump.path, ["--format=custom", `--snapshot=${rows[0].snapshot}`, `--file=${partial}`], url);
            return counted;
          } finally {
            await sql`rollback`.execute(connection);
          }
        });
        const pgRestore = await findTool(db, "pg_restore");
        await runTool(pgRestore.path, ["--list", partial], url);
        renameSync(partial, file);
        return check;
      } finally {
        rmSync(partial, { force: true });
      }
    }),

  restoreFrom: (url, file, { force }) =>
    withDatabase(url, async (db) => {
      if (!existsSync(file)) throw new BackupRefused(`파일이 없습니다 (no such file: --from ${file})`);
      const pgRestore = await findTool(db, "pg_restore");
      try {
        await runTool(pgRestore.path, ["--list", file], url);
      } catch {
        throw new BackupRefused(`pg_dump 백업 파일이 아닙니다 (not a pg_dump custom-format file: ${file})`);
      }
      const table = await firstTableWithRows(db);
      if (table && !force) {
        throw new BackupRefused(
          `대상 데이터베이스가 비어 있지 않습니다 (the target is not empty: ${table} has rows); --force to replace it`,
        );
      }
      // --clean also for an empty target: a migrated one already has the tables the dump creates. One transaction,
      // so a restore that fails leaves the target as it was.
      const { PGDATABASE = "" } = libpqEnvironment(url);
      await runTool(
        pgRestore.path,
        [
          "--clean",
          "--if-exists",
          "--no-owner",
          "--no-privileges",
          "--single-transaction",
          `--dbname=${PGDATABASE}`,
          file,
        ],
        url,
      );
      return checkBoard(db);
    }),
};
