import { sql } from "kysely";
import { rebuildSearchIndex } from "../app/models/search-index.server";
import { BackupRefused, assertBoardDatabase, firstTableWithRows } from "./board-check";
import { BOARD_TABLE_NAMES, BOARD_TABLES, NUMBERED_TABLE_NAMES, columnsOf, type BoardTableName } from "./board-tables";
import { resetIdSequences, type AnyKysely } from "./engine";
import { NewerDatabaseError, assertKnownMigrations, migrateToLatest, pendingMigrationNames } from "./migrator";

/** Why a copy did not start; its message is the one line the command prints. */
export class CopyRefused extends Error {}

export interface CopyOptions {
  /** Rows read (in primary-key order, after the last key read) and written per target transaction. */
  batchRows?: number;
  /** Called after each batch with the rows copied so far, and once more with `done` when a table is finished. */
  onProgress?: (progress: { table: BoardTableName; copied: number; total: number; done: boolean }) => void;
}

const DEFAULT_BATCH_ROWS = 5_000;
// SQLite takes at most 32,766 bound values per statement and PostgreSQL 65,535: one insert stays under both.
const MAX_VALUES_PER_INSERT = 30_000;

/**
 * Copies every board table from `source` into the empty `target`, ids kept, then compares the two; returns the
 * differences found (none when the copy is faithful). The target is migrated first; both must then be at the
 * migration level this code knows. The source must not be written to meanwhile: stop the app first.
 */
export async function copyBoard(source: AnyKysely, target: AnyKysely, options: CopyOptions = {}): Promise<string[]> {
  await checkSourceMigrations(source);
  await checkTargetEmpty(target);
  await migrateToLatest(target);
  for (const table of BOARD_TABLE_NAMES) await copyTable(source, target, table, options);
  await resetIdSequences(target, NUMBERED_TABLE_NAMES);
  // The search index is derived, and each engine keeps its own kind: it is rebuilt rather than copied.
  await rebuildSearchIndex(target);
  return compareBoards(source, target);
}

async function checkSourceMigrations(source: AnyKysely): Promise<void> {
  try {
    await assertBoardDatabase(source, "the source");
    await assertKnownMigrations(source);
  } catch (error) {
    if (error instanceof BackupRefused || error instanceof NewerDatabaseError) {
      throw new CopyRefused(`원본 (source): ${error.message}`);
    }
    throw error;
  }
  const pending = await pendingMigrationNames(source);
  if (pending.length > 0) {
    throw new CopyRefused(
      `원본이 최신 마이그레이션이 아닙니다 (the source lacks ${pending.join(", ")}): run npm run db:migrate on it first`,
    );
  }
}

async function checkTargetEmpty(target: AnyKysely): Promise<void> {
  const table = await firstTableWithRows(target);
  if (table) {
    throw new CopyRefused(
      `대상 데이터베이스가 비어 있지 않습니다 (the target is not empty: ${table} has rows); copy only into an empty database`,
    );
  }
}

async function copyTable(source: AnyKysely, target: AnyKysely, table: BoardTableName, options: CopyOptions) {
  const { key } = BOARD_TABLES[table];
  const columns = columnsOf(table);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const rowsPerInsert = Math.max(1, Math.floor(MAX_VALUES_PER_INSERT / columns.length));
  const { total } = await source
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  let copied = 0;
  let lastKey: unknown[] | undefined;
  for (;;) {
    let query = key.reduce((q, k) => q.orderBy(k), source.selectFrom(table).select(columns)).limit(batchRows);
    // Keyset paging: each batch seeks past the last key read, so a late batch costs what the first one did.
    if (lastKey) {
      const after = sql<boolean>`(${sql.join(key.map((k) => sql.ref(k)))}) > (${sql.join(lastKey)})`;
      query = query.where(after);
    }
    const rows = await query.execute();
    if (rows.length === 0) break;
    await target.transaction().execute(async (trx) => {
      for (let from = 0; from < rows.length; from += rowsPerInsert) {
        await trx
          .insertInto(table)
          .values(rows.slice(from, from + rowsPerInsert))
          .execute();
      }
    });
    copied += rows.length;
    lastKey = key.map((k) => rows[rows.length - 1][k]);
    options.onProgress?.({ table, copied, total, done: false });
    if (rows.length < batchRows) break;
  }
  options.onProgress?.({ table, copied, total, done: true });
}

type TableTotals = Record<string, number | null>;

/** A table's row count and the sums of its ids and counters (BOARD_TABLES' `sums`); a sum is null on an empty table. */
export async function tableTotals(db: AnyKysely, table: BoardTableName): Promise<TableTotals> {
  const { sums } = BOARD_TABLES[table];
  return (await db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.countAll<number>().as("rows"),
      ...sums.map((column) => eb.fn.sum<number>(column).as(column)),
    ])
    .executeTakeFirstOrThrow()) as TableTotals;
}

/** Per table, the row count and the sums of ids and counters, as `table.what: source ≠ target` lines. */
export async function compareBoards(source: AnyKysely, target: AnyKysely): Promise<string[]> {
  const differences: string[] = [];
  for (const table of BOARD_TABLE_NAMES) {
    const [from, to] = await Promise.all([tableTotals(source, table), tableTotals(target, table)]);
    for (const [what, value] of Object.entries(from)) {
      // An empty table's sum is null on both engines.
      if (Number(value ?? 0) !== Number(to[what] ?? 0)) {
        differences.push(`${table}.${what === "rows" ? "count(*)" : `sum(${what})`}: ${value} ≠ ${to[what]}`);
      }
    }
  }
  return differences;
}
