import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { afterAll } from "vitest";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { BASE_DB_PATH, TMP_DIR } from "./paths";

/** A fresh copy of the migrated base database (empty tables), closed when the test file ends. */
export function createTestDb(): Kysely<Database> {
  const path = `${TMP_DIR}/${randomUUID()}.db`;
  copyFileSync(BASE_DB_PATH, path);
  const db = openDatabase(`file:${path}`);
  afterAll(() => db.destroy());
  return db;
}
