import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { REPO_ROOT, createRunDir } from "../../helpers/paths";

/** An `open(url)` for the tests of one file; what it opened is closed after each test. */
export function openClosedAfterEachTest(): (url: string) => Kysely<Database> {
  const opened: Kysely<Database>[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  return (url) => {
    const db = openDatabase(url);
    opened.push(db);
    return db;
  };
}

/** A folder of this test file's own, made before its tests and removed after them; read it inside a test. */
export function runDirOfTestFile(kind: string): { path: string } {
  const dir = { path: "" };
  beforeAll(() => {
    dir.path = createRunDir(kind);
  });
  afterAll(() => rmSync(dir.path, { recursive: true, force: true }));
  return dir;
}

const tsx = `${REPO_ROOT}/node_modules/.bin/tsx`;

/** Runs a db/cli command as a user would, in its own process, returning its exit code and what it printed. */
export async function runDbCommand(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [`db/cli/${script}.ts`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}
