import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "#db/connection";
import { migrateToLatest } from "#db/migrator";
import { BASE_DB_PATH, TMP_DIR } from "./paths";

/** Migrates one base database per run; every test file then works on its own copy of it. */
export default async function migrateBaseDb() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = openDatabase(`file:${BASE_DB_PATH}`);
  await migrateToLatest(db);
  await db.destroy();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
