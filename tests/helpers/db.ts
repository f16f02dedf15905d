import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { dirname } from "node:path";
import type { Kysely } from "kysely";
import { afterAll, inject } from "vitest";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";

/** The path of a fresh copy of the migrated base database (empty tables), for tests that open it themselves. */
export function copyBaseDb(): string {
  const base = inject("integrationBaseDb");
  const path = `${dirname(base)}/${randomUUID()}.db`;
  copyFileSync(base, path);
  return path;
}

/** A fresh copy of the migrated base database (empty tables), closed when the test file ends. */
export function createTestDb(): Kysely<Database> {
  const db = openDatabase(`file:${copyBaseDb()}`);
  afterAll(() => db.destroy());
  return db;
}
