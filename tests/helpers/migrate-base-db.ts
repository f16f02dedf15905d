import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { openDatabase } from "#db/connection";
import { migrateToLatest } from "#db/migrator";
import { createRunDir } from "./paths";

/** Migrates one base database per run; every test file then works on its own copy of it. */
export default async function migrateBaseDb(project: TestProject) {
  const runDir = createRunDir("integration");
  const baseDbPath = `${runDir}/base.db`;
  const db = openDatabase(`file:${baseDbPath}`);
  await migrateToLatest(db);
  await db.destroy();
  project.provide("integrationBaseDb", baseDbPath);
  return () => rmSync(runDir, { recursive: true, force: true });
}
