import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Reports (신고) of posts and comments, and blinding. Each item counts the distinct members who reported it in
// report_count, moved in the transaction that stores the report, so the threshold is judged on an exact number
// without counting rows; blinded_at marks an item blinded (by reaching its board's report_threshold, or by an admin).

const REASONS = sql`reason in ('abuse', 'sexual', 'spam', 'privacy', 'conflict', 'other')`;

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .alterTable("boards")
    .addColumn("report_threshold", "integer", (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`report_threshold between 1 and 1000`),
    )
    .execute();
  for (const table of ["posts", "comments"]) {
    await db.schema
      .alterTable(table)
      .addColumn("report_count", "integer", (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`report_count >= 0`),
      )
      .execute();
    await db.schema.alterTable(table).addColumn("blinded_at", columnTypes.bigint).execute();
  }

  await db.schema
    .createTable("reports")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    // The post the item is on: the post itself, or the post of the reported comment.
    .addColumn("post_id", columnTypes.id, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("comment_id", columnTypes.id, (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("reporter_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    // Set when an admin reviewed the item and kept it blinded; open reports (null) are the admin queue.
    .addColumn("reviewed_at", columnTypes.bigint)
    .addCheckConstraint("reports_reason", REASONS)
    .addCheckConstraint("reports_detail_length", sql`length(detail) <= 200`)
    .execute();
  // One report per member per item.
  await db.schema
    .createIndex("reports_post_reporter")
    .on("reports")
    .columns(["post_id", "reporter_id"])
    .unique()
    .where(sql.ref("comment_id"), "is", null)
    .execute();
  await db.schema
    .createIndex("reports_comment_reporter")
    .on("reports")
    .columns(["comment_id", "reporter_id"])
    .unique()
    .where(sql.ref("comment_id"), "is not", null)
    .execute();
  // An item's reports, and the foreign key's checks when posts change.
  await db.schema.createIndex("reports_post").on("reports").columns(["post_id", "comment_id"]).execute();
  // The admin queue reads open reports only.
  await db.schema
    .createIndex("reports_open")
    .on("reports")
    .columns(["post_id", "comment_id", "created_at"])
    .where(sql.ref("reviewed_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reports").execute();
  for (const table of ["posts", "comments"]) {
    await db.schema.alterTable(table).dropColumn("blinded_at").execute();
    await db.schema.alterTable(table).dropColumn("report_count").execute();
  }
  await db.schema.alterTable("boards").dropColumn("report_threshold").execute();
}
