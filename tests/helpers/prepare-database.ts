import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { REPO_ROOT } from "./paths";

const PREPARE_SCRIPT = "db/cli/prepare.ts";

/** Migrates the database at `url` and fills it with the demo boards, as `npm start` does. */
export async function prepareDatabase(url: string): Promise<void> {
  try {
    await promisify(execFile)(`${REPO_ROOT}/node_modules/.bin/tsx`, [PREPARE_SCRIPT], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`tsx ${PREPARE_SCRIPT}\` failed:\n${stdout}${stderr}`, { cause: error });
  }
}
