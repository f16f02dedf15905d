import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import { migrateToLatest } from "#db/migrator";
import type { Database } from "#db/types";
import { createTestDbUrl } from "../helpers/db";
import { NEWER_MIGRATION, recordNewerMigration } from "../helpers/newer-migration";
import { REPO_ROOT } from "../helpers/paths";

let url: string;
let db: Kysely<Database>;

beforeAll(async () => {
  url = await createTestDbUrl();
  db = openDatabase(url);
  await recordNewerMigration(db);
  return () => db.destroy();
});

/** Runs a CLI as `npm run` would, on the test database; resolves with its exit code and output. */
async function runCli(script: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(`${REPO_ROOT}/node_modules/.bin/tsx`, [script, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = "", stderr = "" } = error as { code?: number; stdout?: string; stderr?: string };
    return { code, stdout, stderr };
  }
}

describe("a database migrated by a newer version", () => {
  it("is refused by the migrator, naming the migration this code does not know", async () => {
    await expect(migrateToLatest(db)).rejects.toThrow(NEWER_MIGRATION);
  });

  it.each([["db/cli/migrate.ts"], ["db/cli/seed.ts"], ["db/cli/make-admin.ts", "someone"]])(
    "makes %s exit non-zero with one line and no stack trace",
    async (script, ...args) => {
      const { code, stdout, stderr } = await runCli(script, ...args);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim().split("\n")).toEqual([expect.stringContaining(NEWER_MIGRATION)]);
      expect(stderr).toContain("새 버전");
    },
  );

  it("is left as it was: the seed added no boards", async () => {
    const boards = await db.selectFrom("boards").select("id").execute();
    expect(boards).toEqual([]);
  });
});
