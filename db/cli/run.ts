import type { Kysely } from "kysely";
import { databaseUrlFromEnv, openDatabase } from "../connection";
import type { Database } from "../types";

/** Runs one command against the DATABASE_URL database, always closes it, and turns a failure into exit code 1. */
export async function runWithDatabase(command: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const db = openDatabase(databaseUrlFromEnv());
  try {
    await command(db);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
