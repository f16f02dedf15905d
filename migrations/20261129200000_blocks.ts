import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// A member's blocks (차단): whose posts and comments they no longer want to read. A block is kept by the blocked
// member's id, with the item it was made from (the post, and the comment when made from one) and a short snapshot of
// it, so the block list can name the item rather than the author: on an anonymous board the blocker never learns who
// wrote it. is_anonymous copies that item's own is_anonymous: whether it hid its author.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .createTable("blocks")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("blocker_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("blocked_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("post_id", columnTypes.id, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("comment_id", columnTypes.id, (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("is_anonymous", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_anonymous in (0, 1)`),
    )
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    // Leads with blocker_id: every read of a member's blocks (the lists' blocked set, the cap, the block list) seeks it.
    .addUniqueConstraint("blocks_blocker_blocked", ["blocker_id", "blocked_id"])
    .addCheckConstraint("blocks_not_self", sql`blocker_id <> blocked_id`)
    .addCheckConstraint("blocks_snapshot_length", sql`length(snapshot) between 1 and 100`)
    .execute();
  // Foreign keys from users, posts and comments are checked on their deletes: PostgreSQL needs an index to find them.
  await db.schema.createIndex("blocks_blocked").on("blocks").column("blocked_id").execute();
  await db.schema.createIndex("blocks_post").on("blocks").column("post_id").execute();
  await db.schema.createIndex("blocks_comment").on("blocks").column("comment_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("blocks").execute();
}
