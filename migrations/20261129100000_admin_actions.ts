import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// The audit log: every admin action, who did it, to what, when and why. Rows are only ever added; the target is
// named by kind and id without a foreign key, so the log outlives what it describes (a deleted post, a board).

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .createTable("admin_actions")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("admin_id", columnTypes.id, (c) => c.notNull().references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", columnTypes.id)
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    .addCheckConstraint("admin_actions_action_shape", sql`length(action) between 1 and 40`)
    .addCheckConstraint(
      "admin_actions_target_kind",
      sql`target_kind in ('post', 'comment', 'user', 'board', 'category')`,
    )
    .addCheckConstraint("admin_actions_summary_length", sql`length(summary) <= 200`)
    .addCheckConstraint("admin_actions_reason_length", sql`length(reason) <= 500`)
    .execute();
  // /admin/log reads newest first.
  await db.schema.createIndex("admin_actions_newest").on("admin_actions").column("id desc").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("admin_actions").execute();
}
