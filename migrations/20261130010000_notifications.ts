import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Notifications (알림): one row per line of a member's /notifications. Comments on one post, and replies to one
// comment, collapse into one unread row each (event_count, the latest comment_id), which the partial unique indexes
// below enforce, so concurrent comments upsert into the same row. users.unread_notifications counts the member's
// unread rows, moved in the same transactions, so the header reads it with the session at no extra query. The three
// notify_* flags are the member's choices in /settings/notifications. actor_name is the text the line names the
// commenter by, fixed when written: the anonymous name on an anonymous board, never the username.

const FLAGS = ["notify_comment", "notify_reply", "notify_moderation"];

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .alterTable("users")
    .addColumn("unread_notifications", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`unread_notifications >= 0`),
    )
    .execute();
  for (const flag of FLAGS) {
    await db.schema
      .alterTable("users")
      .addColumn(flag, "integer", (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`${sql.ref(flag)} in (0, 1)`),
      )
      .execute();
  }

  await db.schema
    .createTable("notifications")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("recipient_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("post_id", columnTypes.id, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    // The latest comment of a collapsed line, or the comment blinded or restored; null for a post blinded or restored.
    .addColumn("comment_id", columnTypes.id, (c) => c.references("comments.id").onDelete("cascade"))
    // For a reply: the recipient's comment that was answered, which its line collapses by.
    .addColumn("parent_comment_id", columnTypes.id, (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("event_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("actor_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    .addColumn("updated_at", columnTypes.bigint, (c) => c.notNull())
    .addColumn("read_at", columnTypes.bigint)
    .addCheckConstraint("notifications_kind", sql`kind in ('comment', 'reply', 'blind', 'restore')`)
    .addCheckConstraint("notifications_event_count", sql`event_count >= 1`)
    .addCheckConstraint("notifications_actor_name_length", sql`length(actor_name) <= 100`)
    .addCheckConstraint("notifications_comment_named", sql`kind not in ('comment', 'reply') or comment_id is not null`)
    .addCheckConstraint("notifications_reply_parent", sql`(kind = 'reply') = (parent_comment_id is not null)`)
    .execute();
  // A member's lines newest first (the page, its count, "모두 읽음").
  await db.schema
    .createIndex("notifications_recipient_recent")
    .on("notifications")
    .columns(["recipient_id", "updated_at", "id"])
    .execute();
  // At most one unread line per post (comments) and per answered comment (replies): the upsert's conflict targets.
  // The predicates are written exactly as the upserts write them, which SQLite requires to match them.
  await db.schema
    .createIndex("notifications_unread_comment")
    .on("notifications")
    .columns(["recipient_id", "post_id"])
    .unique()
    .where(sql<boolean>`kind = 'comment' and read_at is null`)
    .execute();
  await db.schema
    .createIndex("notifications_unread_reply")
    .on("notifications")
    .columns(["recipient_id", "parent_comment_id"])
    .unique()
    .where(sql<boolean>`kind = 'reply' and read_at is null`)
    .execute();
  // Pruning finds the old lines of every member.
  await db.schema.createIndex("notifications_updated").on("notifications").column("updated_at").execute();
  // Foreign keys from posts and comments are checked on their deletes: PostgreSQL needs an index to find them.
  await db.schema.createIndex("notifications_post").on("notifications").column("post_id").execute();
  await db.schema.createIndex("notifications_comment").on("notifications").column("comment_id").execute();
  await db.schema.createIndex("notifications_parent_comment").on("notifications").column("parent_comment_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notifications").execute();
  for (const column of ["unread_notifications", ...FLAGS]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
}
