import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import type { Kysely } from "kysely";
import { afterAll, inject } from "vitest";
import { openDatabase } from "#db/connection";
import { openPostgres } from "#db/postgres";
import type { Database } from "#db/types";
import { createDatabaseFrom, databaseUrl, onServer, uniqueDatabaseName } from "./postgres-server";

function copySqliteBase(): string {
  const base = inject("integrationBaseDb");
  const path = `${dirname(base)}/${randomUUID()}.db`;
  copyFileSync(base, path);
  return `file:${path}`;
}

/**
 * The URL of a fresh copy of the migrated base database (empty tables) on the engine this project tests,
 * for tests that open it themselves.
 */
export async function createTestDbUrl(): Promise<string> {
  const pg = inject("integrationPg");
  if (!pg) return copySqliteBase();
  const name = uniqueDatabaseName(pg.prefix);
  await createDatabaseFrom(pg.adminUrl, pg.template, name);
  return databaseUrl(pg.adminUrl, name);
}

/** The URL of a new database with no tables at all (not even migrated) on the engine this project tests. */
export async function createUnmigratedTestDbUrl(): Promise<string> {
  const pg = inject("integrationPg");
  if (!pg) return `file:${dirname(inject("integrationBaseDb"))}/${randomUUID()}.db`;
  const name = uniqueDatabaseName(pg.prefix);
  await onServer(pg.adminUrl, (client) => client.query(`create database "${name}"`));
  return databaseUrl(pg.adminUrl, name);
}

/** A fresh copy of the migrated base database (empty tables), closed when the test file ends. */
export function createTestDb(): Kysely<Database> {
  const pg = inject("integrationPg");
  let db: Kysely<Database>;
  if (pg) {
    // Made just before the first query, so that this stays synchronous like the SQLite branch.
    const name = uniqueDatabaseName(pg.prefix);
    db = openPostgres(databaseUrl(pg.adminUrl, name), {
      beforeFirstConnection: () => createDatabaseFrom(pg.adminUrl, pg.template, name),
    });
  } else {
    db = openDatabase(copySqliteBase());
  }
  afterAll(() => db.destroy());
  return db;
}
