import { sql, type Kysely } from "kysely";
import { pendingMigrationNames } from "#db/migrator";
import type { Database } from "#db/types";

/** Why the server cannot serve: one word a load balancer's log can show. */
type HealthProblem = "database" | "migrations";

async function healthProblem(db: Kysely<Database>): Promise<HealthProblem | null> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    return "database";
  }
  try {
    return (await pendingMigrationNames(db)).length > 0 ? "migrations" : null;
  } catch {
    return "database";
  }
}

/**
 * `GET /healthz` for load balancers: 200 `ok`, or 503 and the problem. server.js answers it before the session, the
 * list cache and Remix, so a probe never reads or sets a cookie and counts nothing.
 */
export async function healthResponse(db: Kysely<Database>): Promise<Response> {
  const problem = await healthProblem(db);
  return new Response(problem ?? "ok", {
    status: problem ? 503 : 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
