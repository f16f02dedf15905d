import type { Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Bumped by every write that changes what a board's list shows, so each server process can tell whether its
// short-lived copy of a rendered list page is still current with one primary-key read.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("boards")
    .addColumn("list_version", schemaDialect(db).columnTypes.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("boards").dropColumn("list_version").execute();
}
