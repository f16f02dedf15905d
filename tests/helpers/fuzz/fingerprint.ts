import { sql, type Kysely } from "kysely";
import { BOARD_TABLE_NAMES } from "#db/board-tables";
import { tableTotals } from "#db/copy";
import { engineOf } from "#db/engine";
import type { Database } from "#db/types";
import type { Fingerprint } from "./verdict";

/**
 * Every board table's row count and sums of ids and counters, as "table.what" keys. For a test that shares the app's
 * SQLite connection, `sharedSqliteConnection` adds the rows that connection ever changed (`total_changes()`) as
 * "sqlite.changes", which an UPDATE of a title moves while counts and sums stay. Equal fingerprints before and after
 * a request: the request wrote nothing.
 */
export async function fingerprintOf(
  db: Kysely<Database>,
  { sharedSqliteConnection = false } = {},
): Promise<Fingerprint> {
  const fingerprint: Fingerprint = {};
  const totals = await Promise.all(BOARD_TABLE_NAMES.map((table) => tableTotals(db, table)));
  for (const [i, table] of BOARD_TABLE_NAMES.entries()) {
    for (const [what, value] of Object.entries(totals[i])) fingerprint[`${table}.${what}`] = Number(value ?? 0);
  }
  if (sharedSqliteConnection && engineOf(db).name === "sqlite") {
    const { rows } = await sql<{ changes: number }>`select total_changes() as changes`.execute(db);
    fingerprint["sqlite.changes"] = Number(rows[0].changes);
  }
  return fingerprint;
}
