import { CompiledQuery, Kysely, PostgresDialect, sql, type KyselyConfig } from "kysely";
import { Socket } from "node:net";
import pg from "pg";
import type { Engine, PlanStep } from "./engine";
import type { Database } from "./types";

/** Everything specific to PostgreSQL lives here: the pool, type parsing, identity sequences, plans, retries. */

const DEFAULT_POOL_SIZE = 10;
// A server that cannot be reached (a dead host, a dropped network) fails the request after this rather than hanging it.
const CONNECT_TIMEOUT_MS = 5_000;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function poolSizeFromEnv(): number {
  const configured = process.env.DATABASE_POOL_SIZE;
  if (!configured) return DEFAULT_POOL_SIZE;
  const size = Number(configured);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive whole number, not "${configured}"`);
  }
  return size;
}

/**
 * bigint (epoch-ms times, ids, counts; `count(*)` too) and numeric arrive as strings by default, since they can
 * exceed 2^53. Ours never do, and the app computes with them, so they come back as numbers as on SQLite.
 */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A socket that gives up when the TCP connection is not made within CONNECT_TIMEOUT_MS. pg's own
 * connectionTimeoutMillis bounds the whole handshake, and the pool's also the wait for a free connection: in a burst,
 * with the event loop busy for seconds, those fire on a healthy server. A server that is down refuses at once anyway.
 */
function socketWithConnectTimeout(): Socket {
  const socket = new Socket();
  socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
    // After a long busy stretch the event loop runs expired timers before it reads connections that were made
    // meanwhile: give it that read (setImmediate runs after it) before deciding the server never answered.
    setImmediate(() => {
      if (!socket.connecting) return;
      socket.destroy(Object.assign(new Error("connecting to PostgreSQL timed out"), { code: "ETIMEDOUT" }));
    });
  });
  socket.once("connect", () => socket.setTimeout(0));
  return socket;
}

function createPostgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSizeFromEnv(),
    types: numberTypes,
    stream: socketWithConnectTimeout,
  });
  // An idle connection dropped by the server must not take the process down; the pool opens a new one when needed.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  return pool;
}

/**
 * A pool of connections per process. `beforeFirstConnection` runs once, before the pool is made (tests create
 * their database there).
 */
export function openPostgres(
  url: string,
  options: { log?: KyselyConfig["log"]; beforeFirstConnection?: () => Promise<void> } = {},
): Kysely<Database> {
  const { log, beforeFirstConnection } = options;
  const pool = beforeFirstConnection
    ? async () => {
        await beforeFirstConnection();
        return createPostgresPool(url);
      }
    : createPostgresPool(url);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

function planStepsOf(node: PlanNode): PlanStep[] {
  const table = node["Relation Name"] ?? null;
  const index = node["Index Name"] ?? null;
  const own: PlanStep[] =
    table === null && index === null
      ? []
      : [
          {
            detail: `${node["Node Type"]}${table ? ` on ${table}` : ""}${index ? ` using ${index}` : ""}${node["Index Cond"] ? ` ${node["Index Cond"]}` : ""}`,
            table,
            index,
            fullScan: node["Node Type"] === "Seq Scan",
          },
        ];
  return [...own, ...(node.Plans ?? []).flatMap(planStepsOf)];
}

const RETRYABLE_CODES = new Set(["40001", "40P01"]); // serialization_failure, deadlock_detected

/**
 * The server cannot be reached or is going away: network errors, connection_exception (08xxx), admin_shutdown,
 * crash_shutdown, cannot_connect_now (57P01-03), too_many_connections (53300). pg reports a connection it lost by
 * message alone.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);
const UNAVAILABLE_MESSAGE = /^(Connection terminated|Client has encountered a connection error|Client was closed)/;

export const postgresEngine: Engine = {
  name: "postgres",
  columnTypes: { id: "bigint", bigint: "bigint" },
  identityPrimaryKey: (column) => column.generatedByDefaultAsIdentity().primaryKey(),
  onlySlugCharacters: (column) => sql<boolean>`${sql.raw(column)} ~ '^[a-z0-9-]*$'`,
  async resetIdSequences(db, tables) {
    for (const table of tables) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.table(table)}`.execute(
        db,
      );
    }
  },
  // Empty test tables would make a sequential scan the cheapest plan; with it priced out, one remaining in the plan
  // means no index could serve the query.
  queryPlan(db, query) {
    return db.connection().execute(async (connection) => {
      await sql`set enable_seqscan = off`.execute(connection);
      try {
        const { rows } = await connection.executeQuery<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
        );
        return planStepsOf(rows[0]["QUERY PLAN"][0].Plan);
      } finally {
        await sql`reset enable_seqscan`.execute(connection);
      }
    });
  },
  isRetryableTransactionError: (error) => RETRYABLE_CODES.has((error as { code?: string } | null)?.code ?? ""),
  isUnavailableError(error) {
    // Not every error's code is pg's string: an aborted request's DOMException carries the number 20.
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    return typeof message === "string" && UNAVAILABLE_MESSAGE.test(message);
  },
  // PostgreSQL waits for row locks without a bound (no lock_timeout is set), so a write is never refused as busy.
  isBusyError: () => false,
};
