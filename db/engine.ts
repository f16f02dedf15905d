import {
  PostgresAdapter,
  type ColumnDefinitionBuilder,
  type CompiledQuery,
  type Kysely,
  type RawBuilder,
  type Transaction,
} from "kysely";
import { postgresEngine } from "./postgres";
import { sqliteEngine } from "./sqlite";

/** Any database's Kysely: its table types are invariant, and nothing here reads them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<T> is invariant in T; this takes every schema
export type AnyKysely = Kysely<any>;

export type EngineName = "sqlite" | "postgres";
type IntegerType = "integer" | "bigint";

/** One scan step of a query plan, the same shape on both engines. */
export interface PlanStep {
  /** The engine's own words for the step, with the condition an index is searched by: for messages and tests. */
  detail: string;
  table: string | null;
  index: string | null;
  /** True when the step reads a whole table or a whole index rather than seeking into it. */
  fullScan: boolean;
}

/**
 * What differs between the engines, behind one small interface so that migrations, the seed and tests ask for it
 * instead of guessing from a URL. db/sqlite.ts and db/postgres.ts each implement it.
 */
export interface Engine {
  name: EngineName;
  /** Column types that differ: ids and the columns that refer to them, and 64-bit integers (epoch-ms times, counts). */
  columnTypes: { id: IntegerType; bigint: IntegerType };
  /** Makes an `id` column the table's auto-numbered primary key. */
  identityPrimaryKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** A CHECK condition: `column` holds only lowercase letters, digits and hyphens. */
  onlySlugCharacters(column: string): RawBuilder<boolean>;
  /** After rows were inserted with explicit ids, moves each table's id generator past the largest id. */
  resetIdSequences(db: AnyKysely, tables: readonly string[]): Promise<void>;
  /** The scan steps of a compiled query's plan; the planner is told to prefer indexes where it has the choice. */
  queryPlan(db: AnyKysely, query: CompiledQuery): Promise<PlanStep[]>;
  /** A transaction that failed only because of a concurrent one and may succeed when run again. */
  isRetryableTransactionError(error: unknown): boolean;
  /** The database cannot be reached or read at all, as opposed to refusing this one statement. */
  isUnavailableError(error: unknown): boolean;
  /** The database is there, but a write could not get its lock within the bound: sent again later, it may succeed. */
  isBusyError(error: unknown): boolean;
}

/** The engine behind a Kysely instance (or a transaction of one), read from its dialect adapter. */
export function engineOf(db: AnyKysely): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresEngine : sqliteEngine;
}

/** What a migration asks for where the engines' DDL differs. */
export function schemaDialect(db: AnyKysely) {
  const { name, columnTypes, identityPrimaryKey, onlySlugCharacters } = engineOf(db);
  return { name, columnTypes, identityPrimaryKey, onlySlugCharacters };
}

export function resetIdSequences(db: AnyKysely, tables: readonly string[]): Promise<void> {
  return engineOf(db).resetIdSequences(db, tables);
}

export function queryPlan(db: AnyKysely, query: CompiledQuery): Promise<PlanStep[]> {
  return engineOf(db).queryPlan(db, query);
}

/**
 * A failure of the database itself (down, unreachable, its file unreadable) rather than of the request: the server
 * answers it with 503 and tries again on the next request. Asks both engines, since the error alone is at hand.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return postgresEngine.isUnavailableError(error) || sqliteEngine.isUnavailableError(error);
}

/** A write that waited its whole bound for a lock (the board is too busy for it now): 503 too, as above. */
export function isDatabaseBusy(error: unknown): boolean {
  return postgresEngine.isBusyError(error) || sqliteEngine.isBusyError(error);
}

const MAX_TRANSACTION_ATTEMPTS = 5;

/**
 * Runs `work` in one transaction, and again (a bounded number of times) when it fails with a serialization failure
 * or a deadlock, which PostgreSQL reports when concurrent transactions collide; SQLite's single writer never does.
 */
export async function withTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const engine = engineOf(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= MAX_TRANSACTION_ATTEMPTS || !engine.isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * The select, locking the rows it reads until the transaction ends, for a read that decides a write. SQLite needs
 * no row locks: its transactions begin IMMEDIATE, holding the one write lock from the start.
 */
export function lockedForUpdate<Query extends { forUpdate(): Query }>(db: AnyKysely, query: Query): Query {
  return engineOf(db).name === "postgres" ? query.forUpdate() : query;
}

/**
 * lockedForUpdate for a row that other transactions insert rows referring to (a member, whom posts, comments and
 * sessions point at): FOR NO KEY UPDATE queues the transactions that lock it the same way without holding up the
 * foreign-key checks of those inserts. SQLite needs no row locks, as above.
 */
export function lockedForNoKeyUpdate<Query extends { forNoKeyUpdate(): Query }>(db: AnyKysely, query: Query): Query {
  return engineOf(db).name === "postgres" ? query.forNoKeyUpdate() : query;
}
