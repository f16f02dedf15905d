import { randomUUID } from "node:crypto";
import { onServer, startThrowawayPostgres } from "#db/throwaway-postgres";

export {
  databaseUrl,
  onServer,
  startThrowawayPostgres,
  type PostgresServer as TestPostgres,
  type ThrowawayPostgres,
} from "#db/throwaway-postgres";

/**
 * The server DATABASE_TEST_URL names, or else a throwaway one. `release` stops a throwaway server; a named one keeps
 * running, and the caller drops what it made there.
 */
export async function testPostgresServer(): Promise<{ adminUrl: string; shared: boolean; release(): Promise<void> }> {
  const given = process.env.DATABASE_TEST_URL;
  if (given) return { adminUrl: given, shared: true, release: async () => {} };
  const server = await startThrowawayPostgres();
  return { adminUrl: server.adminUrl, shared: false, release: () => server.stop() };
}

/** A new database name starting with `prefix`. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll("-", "")}`;
}

/** Copies `template` into a new database: much faster than migrating each one. */
export async function createDatabaseFrom(adminUrl: string, template: string, name: string): Promise<void> {
  await onServer(adminUrl, (client) => client.query(`create database "${name}" template "${template}"`));
}
