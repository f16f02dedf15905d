import { DEFAULT_MIGRATION_TABLE, sql } from "kysely";
import { BOARD_TABLE_NAMES, type BoardTableName } from "./board-tables";
import type { AnyKysely } from "./engine";

/** Why a backup or a restore stopped; its message is the one line the command prints. */
export class BackupRefused extends Error {}

/** What a backup or a restored database holds: rows per board table, and what is wrong with it (nothing, ideally). */
export interface BoardCheck {
  rows: Record<BoardTableName, number>;
  problems: string[];
}

/** Takes a consistent copy of the database at `url` into `file`, and restores one; db/sqlite-backup.ts, db/postgres-backup.ts. */
export interface BackupEngine {
  /** What makes the copy, for the command's first line. */
  describeTool(url: string): Promise<string>;
  /** Writes the copy beside `file` and renames it into place once it checks out; the check is of the copy itself. */
  backupTo(url: string, file: string): Promise<BoardCheck>;
  /** Refuses a target with any board row unless `force`; the check is of the restored database. */
  restoreFrom(url: string, file: string, options: { force: boolean }): Promise<BoardCheck>;
}

/**
 * Counters the app moves in the same transaction as the rows they count: a consistent copy has each one equal to
 * its rows. Each query counts the rows whose counter differs.
 */
const COUNTER_CHECKS: { counter: string; mismatches: ReturnType<typeof sql<number>> }[] = [
  {
    counter: "boards.post_count",
    mismatches: sql<number>`select count(*) from boards b where b.post_count <>
      (select count(*) from posts p where p.board_id = b.id and p.deleted_at is null)`,
  },
  {
    counter: "categories.post_count",
    mismatches: sql<number>`select count(*) from categories c where c.post_count <>
      (select count(*) from posts p where p.category_id = c.id and p.deleted_at is null)`,
  },
  {
    counter: "posts.comment_count",
    mismatches: sql<number>`select count(*) from posts p where p.comment_count <>
      (select count(*) from comments c where c.post_id = p.id and c.deleted_at is null)`,
  },
  {
    counter: "posts.scrap_count",
    mismatches: sql<number>`select count(*) from posts p where p.scrap_count <>
      (select count(*) from scraps s where s.post_id = p.id)`,
  },
  {
    counter: "posts.report_count",
    mismatches: sql<number>`select count(*) from posts p where p.report_count <>
      (select count(*) from reports r where r.post_id = p.id and r.comment_id is null)`,
  },
  {
    counter: "comments.report_count",
    mismatches: sql<number>`select count(*) from comments c where c.report_count <>
      (select count(*) from reports r where r.comment_id = c.id)`,
  },
  {
    counter: "users.unread_notifications",
    mismatches: sql<number>`select count(*) from users u where u.unread_notifications <>
      (select count(*) from notifications n where n.recipient_id = u.id and n.read_at is null)`,
  },
];

/** Refuses a database the migrator never touched: a backup of it, or from it, would not be a board. */
export async function assertBoardDatabase(db: AnyKysely, what: string): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === DEFAULT_MIGRATION_TABLE)) {
    throw new BackupRefused(`마당 데이터베이스가 아닙니다 (${what} has no ${DEFAULT_MIGRATION_TABLE} table)`);
  }
}

/** Row counts per board table, and every counter that differs from its rows. */
export async function checkBoard(db: AnyKysely): Promise<BoardCheck> {
  const rows = {} as Record<BoardTableName, number>;
  for (const table of BOARD_TABLE_NAMES) {
    const { total } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    rows[table] = Number(total);
  }
  const problems: string[] = [];
  for (const { counter, mismatches } of COUNTER_CHECKS) {
    const { rows: result } = await sql<{ n: number }>`select (${mismatches}) as n`.execute(db);
    const count = Number(result[0].n);
    if (count > 0)
      problems.push(`${counter}: ${count}개 행에서 실제 행 수와 다릅니다 (differs from its rows in ${count} rows)`);
  }
  return { rows, problems };
}

/** The first board table that has a row, or undefined when every one is empty or missing. */
export async function firstTableWithRows(db: AnyKysely): Promise<BoardTableName | undefined> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  for (const table of BOARD_TABLE_NAMES) {
    if (!existing.has(table)) continue;
    const row = await db
      .selectFrom(table)
      .select(sql`1`.as("one"))
      .limit(1)
      .executeTakeFirst();
    if (row) return table;
  }
  return undefined;
}
