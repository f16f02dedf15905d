import { existsSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { openSqliteFile } from "#db/sqlite";
import { CHROMIUM_PATH, createRunDir, SERVER_BUILD_PATH } from "./paths";
import { prepareDatabase } from "./prepare-database";

/**
 * Runs once per browser run: checks that the build and Chromium exist, then prepares one seeded database
 * the way `npm start` does; every test file's server then starts on its own copy of it.
 */
export default async function prepareBrowserRun(project: TestProject) {
  if (!existsSync(SERVER_BUILD_PATH)) {
    throw new Error(`${SERVER_BUILD_PATH} is missing: run \`npm run build\` before the browser tests.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\`.`);
  }
  const runDir = createRunDir("browser");
  const seededDbPath = `${runDir}/seeded.db`;
  await prepareSeededDatabase(seededDbPath);
  project.provide("browserSeededDb", seededDbPath);
  return () => rmSync(runDir, { recursive: true, force: true });
}

async function prepareSeededDatabase(path: string) {
  await prepareDatabase(`file:${path}`);
  // Test files copy only the main database file, so everything must be out of the write-ahead log first.
  const sqlite = openSqliteFile(path);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
