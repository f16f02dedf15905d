import SQLite from "better-sqlite3";
import { sql } from "kysely";
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import {
  BackupRefused,
  assertBoardDatabase,
  checkBoard,
  firstTableWithRows,
  type BackupEngine,
  type BoardCheck,
} from "./board-check";
import { openSqlite, sqlitePathFromUrl } from "./sqlite";

const SQLITE_HEADER = "SQLite format 3\0";
// Every page in one step: one read transaction, so the copy is one moment of the source however busy it is. Smaller
// steps let writers from other processes in between, and each such write restarts the copy from the first page.
const ALL_PAGES = 0x7fffffff;

function assertFileExists(path: string, what: string): void {
  if (!existsSync(path)) throw new BackupRefused(`파일이 없습니다 (no such file: ${what} ${path})`);
}

function assertDifferentFiles(database: string, file: string): void {
  if (resolve(database) === resolve(file)) {
    throw new BackupRefused(
      `백업 파일과 데이터베이스가 같은 파일입니다 (the backup file is the database itself: ${file})`,
    );
  }
}

function assertSqliteHeader(path: string): void {
  const fd = openSync(path, "r");
  const header = Buffer.alloc(SQLITE_HEADER.length);
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) {
    throw new BackupRefused(`SQLite 데이터베이스 파일이 아닙니다 (not a SQLite database file: ${path})`);
  }
}

/** integrity_check, that it is a board, its rows and counters; the connection is closed, its WAL folded in. */
async function checkSqliteFile(path: string, name: string): Promise<BoardCheck> {
  assertSqliteHeader(path);
  const db = openSqlite(path);
  try {
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const integrity = rows.map((row) => row.integrity_check);
    if (integrity.join() !== "ok") {
      throw new BackupRefused(`integrity_check 실패 (failed: ${integrity.slice(0, 3).join("; ")}): ${name}`);
    }
    await assertBoardDatabase(db, name);
    return await checkBoard(db);
  } catch (error) {
    if (
      (error as { code?: string }).code === "SQLITE_NOTADB" ||
      (error as { code?: string }).code === "SQLITE_CORRUPT"
    ) {
      throw new BackupRefused(`손상된 SQLite 파일입니다 (corrupt SQLite file: ${name})`);
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

/** A name beside `path` (same folder, so the rename is atomic) that this process alone uses. */
function partialPath(path: string): string {
  return `${path}.partial-${process.pid}`;
}

function syncFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Checks `partial` and renames it to `path`; removes it when it does not check out. */
async function checkAndPlace(
  partial: string,
  path: string,
  name: string,
  beforeRename = () => {},
): Promise<BoardCheck> {
  try {
    const check = await checkSqliteFile(partial, name);
    syncFile(partial);
    beforeRename();
    renameSync(partial, path);
    return check;
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  }
}

export const sqliteBackup: BackupEngine = {
  describeTool: async () => "SQLite online backup API (better-sqlite3)",

  async backupTo(url, file) {
    const source = sqlitePathFromUrl(url);
    assertFileExists(source, "DATABASE_URL");
    assertFileExists(dirname(file), "--out folder");
    assertDifferentFiles(source, file);
    const partial = partialPath(file);
    const db = new SQLite(source, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      await db.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      db.close();
    }
    return checkAndPlace(partial, file, source);
  },

  async restoreFrom(url, file, { force }) {
    assertFileExists(file, "--from");
    assertSqliteHeader(file);
    const target = sqlitePathFromUrl(url);
    assertDifferentFiles(target, file);
    if (existsSync(target) && !force) {
      const db = openSqlite(target);
      try {
        const table = await firstTableWithRows(db);
        if (table) {
          throw new BackupRefused(
            `대상 데이터베이스가 비어 있지 않습니다 (the target is not empty: ${table} has rows); --force to replace it, with the server stopped`,
          );
        }
      } finally {
        await db.destroy();
      }
    }
    const partial = partialPath(target);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, partial);
    // A WAL left beside the old file would be replayed into the new one: the target's WAL goes with it.
    return checkAndPlace(partial, target, file, () => {
      rmSync(`${target}-wal`, { force: true });
      rmSync(`${target}-shm`, { force: true });
    });
  },
};
