import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Kysely<Database>;
  }
}

let db: Kysely<Database> | undefined;

/** The server's load context: one database connection per process, handed to every loader and action. */
export function getLoadContext() {
  db ??= openDatabase();
  return { db };
}

export async function closeLoadContext(): Promise<void> {
  await db?.destroy();
  db = undefined;
}
