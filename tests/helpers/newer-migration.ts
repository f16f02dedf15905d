import { DEFAULT_MIGRATION_TABLE } from "kysely";
import type { AnyKysely } from "#db/engine";

/** A migration no version of the code has: a database recording it was migrated by a newer Madang. */
export const NEWER_MIGRATION = "29991231000000_from_a_newer_version";

/** Makes the database look migrated by a newer version, as Kysely's migrator records one. */
export async function recordNewerMigration(db: AnyKysely): Promise<void> {
  await db
    .insertInto(DEFAULT_MIGRATION_TABLE)
    .values({ name: NEWER_MIGRATION, timestamp: new Date().toISOString() })
    .execute();
}
