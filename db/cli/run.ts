import type { Kysely } from "kysely";
import { databaseUrlFromEnv, describeDatabaseError, withDatabase } from "../connection";
import { assertKnownMigrations } from "../migrator";
import type { Database } from "../types";

/** Runs `command` for the database at `url`, turning a failure into one line (never its password) and exit code 1. */
export async function runReportingFailure(url: string, command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    console.error(describeDatabaseError(error, url));
    process.exitCode = 1;
  }
}

/**
 * Runs one command against the DATABASE_URL database, always closes it, and turns a failure into one line and exit
 * code 1. A database migrated by a newer version is refused before the command touches it.
 */
export async function runWithDatabase(command: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const url = databaseUrlFromEnv();
  await runReportingFailure(url, () =>
    withDatabase(url, async (db) => {
      await assertKnownMigrations(db);
      await command(db);
    }),
  );
}
