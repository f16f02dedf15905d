import type { Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Bumped only when older posts change position in the lists (a post deleted, restored or moved to another
// category): that is when each process's remembered page anchors for deep list pages must be found again.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("boards")
    .addColumn("rank_version", schemaDialect(db).columnTypes.bigint, (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("boards").dropColumn("rank_version").execute();
}
