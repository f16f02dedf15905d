import { sql } from "kysely";
import pg from "pg";
import { openDatabase } from "#db/connection";
import { NUMBERED_TABLE_NAMES } from "#db/board-tables";
import { resetIdSequences } from "#db/engine";
import { migrateToLatest } from "#db/migrator";
import { tsvectorText } from "#db/search-postgres";
import { databaseUrl, onServer } from "#db/throwaway-postgres";
import type { BulkLoad } from "./bulk-load";

const UNDEFINED_DATABASE = "3D000";

/** The GIN indexes of migrations/20261130000000_search_index.ts. */
const SEARCH_GIN_INDEXES = [
  { name: "post_search_title", table: "post_search", column: "title" },
  { name: "post_search_terms", table: "post_search", column: "terms" },
  { name: "comment_search_terms", table: "comment_search", column: "terms" },
];

/** The database at `url`, created when the server does not have it yet; refused when it already holds tables. */
async function createOrCheckEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    await onServer(databaseUrl(url, "postgres"), (admin) => admin.query(`create database "${name}"`));
    return;
  }
  try {
    const { rows } = await client.query(
      "select 1 from information_schema.tables where table_schema = current_schema()",
    );
    if (rows.length > 0) throw new Error(`${new URL(url).pathname.slice(1)} already has tables: give a new database`);
  } finally {
    await client.end();
  }
}

/**
 * One statement per batch: each column travels as one array parameter and `unnest` turns the arrays back into rows,
 * so a batch of 10,000 rows costs one round trip and one parse. Commits do not wait for the disk (the load is
 * redone if it fails); the tables are ordinary logged ones.
 */
export async function openPostgresBulkLoad(url: string): Promise<BulkLoad> {
  await createOrCheckEmpty(url);
  const db = openDatabase(url);
  await migrateToLatest(db);
  // Building a GIN index once from all the rows is many times faster than growing it row by row: the search
  // indexes are dropped for the load and made again, as the migration makes them, when it is over.
  for (const index of SEARCH_GIN_INDEXES) await sql`drop index ${sql.ref(index.name)}`.execute(db);
  const columnTypes = new Map<string, string>();
  const { rows: typed } = await sql<{ table_name: string; column_name: string; udt_name: string }>`
    select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema()`.execute(
    db,
  );
  for (const row of typed) columnTypes.set(`${row.table_name}.${row.column_name}`, row.udt_name);
  const asArray = (table: string, column: string, values: unknown[]) =>
    sql`${values}::${sql.raw(columnTypes.get(`${table}.${column}`)!)}[]`;

  return {
    async insert(table, columns, rows) {
      const arrays = columns.map((column, i) =>
        asArray(
          table,
          column,
          rows.map((row) => row[i]),
        ),
      );
      await db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
          select * from unnest(${sql.join(arrays)})`.execute(trx);
      });
    },
    // The tsvector columns of db/search-postgres.ts, written as it writes them.
    async insertSearchIndex(kind, rows) {
      const ids = rows.map((row) => row.id);
      const terms = rows.map((row) => tsvectorText(row.titleGrams, row.bodyGrams));
      const titles = rows.map((row) => tsvectorText(row.titleGrams));
      await db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        await (
          kind === "posts"
            ? sql`insert into post_search (post_id, title, terms)
              select * from unnest(${ids}::bigint[], ${titles}::tsvector[], ${terms}::tsvector[])`
            : sql`insert into comment_search (comment_id, terms)
              select * from unnest(${ids}::bigint[], ${terms}::tsvector[])`
        ).execute(trx);
      });
    },
    async setCounts(table, column, counts) {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = given.count
        from unnest(${asArray(table, "id", [...counts.keys()])}, ${asArray(table, column, [...counts.values()])})
          as given (id, count)
        where ${sql.ref(`${table}.id`)} = given.id`.execute(db);
    },
    async close() {
      await sql`set maintenance_work_mem = '1GB'`.execute(db);
      for (const { name, table, column } of SEARCH_GIN_INDEXES) {
        await sql`create index ${sql.ref(name)} on ${sql.table(table)} using gin (${sql.ref(column)})`.execute(db);
      }
      await resetIdSequences(db, NUMBERED_TABLE_NAMES);
      await sql`analyze`.execute(db);
      await db.destroy();
    },
  };
}
