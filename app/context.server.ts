import type { Kysely } from "kysely";
import { databaseUrlFromEnv, describeDatabaseError, openDatabase } from "#db/connection";
import { assertKnownMigrations } from "#db/migrator";
import type { Database } from "#db/types";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Kysely<Database>;
    /** The peer's address as the server saw it; absent in tests that call loaders directly. */
    clientAddress?: string;
    /** The id server.js gave this request (its X-Request-Id), for the log lines it causes. */
    requestId?: string;
  }
}

let db: Kysely<Database> | undefined;

/** The server's load context: one database connection per process, handed to every loader and action. */
export function getLoadContext(req?: { socket?: { remoteAddress?: string } }, requestId?: string) {
  db ??= openDatabase();
  return { db, clientAddress: req?.socket?.remoteAddress, requestId };
}

export async function closeLoadContext(): Promise<void> {
  await db?.destroy();
  db = undefined;
}

/**
 * Run before serving: throws an Error of one line (never the password) when the database cannot be opened or reached,
 * or was migrated by a newer version of Madang.
 */
export async function checkDatabaseBeforeServing(): Promise<void> {
  try {
    await assertKnownMigrations(getLoadContext().db);
  } catch (error) {
    throw new Error(describeDatabaseError(error, databaseUrlFromEnv()));
  }
}
