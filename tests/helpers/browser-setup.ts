import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { openSqliteFile } from "#db/sqlite";
import { CHROMIUM_PATH, createRunDir, REPO_ROOT, SERVER_BUILD_PATH } from "./paths";

const PREPARE_SCRIPT = "db/cli/prepare.ts";

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
  try {
    await promisify(execFile)(`${REPO_ROOT}/node_modules/.bin/tsx`, [PREPARE_SCRIPT], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: `file:${path}` },
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`tsx ${PREPARE_SCRIPT}\` failed:\n${stdout}${stderr}`, { cause: error });
  }
  // Test files copy only the main database file, so everything must be out of the write-ahead log first.
  const sqlite = openSqliteFile(path);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
