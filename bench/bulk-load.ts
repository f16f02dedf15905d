import { isPostgresUrl } from "#db/connection";
import { openPostgresBulkLoad } from "./bulk-postgres";
import { openSqliteBulkLoad } from "./bulk-sqlite";

/** A post's or comment's search index entry (comments have no title). */
export interface SearchIndexRow {
  id: number;
  titleGrams: string[];
  bodyGrams: string[];
}

/** Where bench:data writes its rows: a freshly migrated database, filled as fast as the engine allows. */
export interface BulkLoad {
  /** Inserts rows (values in `columns` order, ids included) in one transaction. */
  insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void>;
  /** Writes the search index entries of rows just inserted, in one transaction. */
  insertSearchIndex(kind: "posts" | "comments", rows: SearchIndexRow[]): Promise<void>;
  /** Sets `column` of the rows whose id is each key to its value. */
  setCounts(table: string, column: string, counts: ReadonlyMap<number, number>): Promise<void>;
  /** Leaves the database as the app expects it (id generators, statistics, journal) and closes it. */
  close(): Promise<void>;
}

/** `--out` is a PostgreSQL URL or a SQLite file path. */
export function openBulkLoad(out: string): Promise<BulkLoad> {
  return isPostgresUrl(out) ? openPostgresBulkLoad(out) : openSqliteBulkLoad(out);
}
