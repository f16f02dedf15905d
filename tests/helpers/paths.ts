import { mkdirSync, mkdtempSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP_DIR = fileURLToPath(new URL("../.tmp", import.meta.url));
export const SERVER_BUILD_PATH = `${REPO_ROOT}/build/index.js`;
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** What the global setups hand to the test files (vitest provide/inject). */
declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated, empty database that integration test files copy. */
    integrationBaseDb: string;
    /** The integration-pg project's server and the migrated template database each test file's database copies. */
    integrationPg?: { adminUrl: string; template: string; prefix: string };
    /** The migrated and seeded database that each browser test file's server gets a copy of. */
    browserSeededDb: string;
  }
}

/** A folder of its own for one run, so runs in parallel (a watcher and `npm test`, say) never delete each other's files. */
export function createRunDir(kind: string): string {
  mkdirSync(TMP_DIR, { recursive: true });
  return mkdtempSync(`${TMP_DIR}/${kind}-`);
}
