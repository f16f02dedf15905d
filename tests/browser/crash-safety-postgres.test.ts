import { sql } from "kysely";
import {
  createDatabaseFrom,
  databaseUrl,
  onServer,
  testPostgresServer,
  uniqueDatabaseName,
} from "../helpers/postgres-server";
import { describeCrashSafety } from "../helpers/crash-safety";
import { prepareDatabase } from "../helpers/prepare-database";

let adminUrl: string;
let template: string;
let release: () => Promise<void>;
const created: string[] = [];

// One seeded board, copied for each test: faster than migrating and seeding each.
beforeAll(async () => {
  const server = await testPostgresServer();
  adminUrl = server.adminUrl;
  release = server.release;
  template = uniqueDatabaseName("madang_crash");
  created.push(template);
  await onServer(adminUrl, (client) => client.query(`create database "${template}"`));
  await prepareDatabase(databaseUrl(adminUrl, template));
});

afterAll(async () => {
  if (!adminUrl) return;
  await onServer(adminUrl, async (client) => {
    for (const name of created) await client.query(`drop database if exists "${name}" with (force)`);
  });
  await release();
});

describeCrashSafety("PostgreSQL", async () => {
  const name = uniqueDatabaseName("madang_crash");
  created.push(name);
  await createDatabaseFrom(adminUrl, template, name);
  return {
    url: databaseUrl(adminUrl, name),
    // A killed process's transaction must end with its connection, releasing its locks, never hold them open.
    // Only clients' transactions: autovacuum after the burst has one too. A live worker's job may be mid-transaction
    // at the moment of looking, so the caller looks again for a while; a leaked one stays open however long it waits.
    async engineProblems(db) {
      const open = await sql<{ pid: number; state: string; query: string }>`
        select pid, state, query from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null
          and backend_type = 'client backend'`.execute(db);
      return open.rows.map((row) => `transaction left open: ${JSON.stringify(row)}`);
    },
  };
});
