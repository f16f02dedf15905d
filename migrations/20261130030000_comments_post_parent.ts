import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code.
// A post's comments by thread: its top-level comments (parent_id null) in order, and the replies of the threads
// on one page of them, each read as one range. Without it both planners read a busy post's replies through
// comments_post, every comment of the post (12,856 on a viral post: 828 µs where this index takes tens of µs).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("comments_post_parent").on("comments").columns(["post_id", "parent_id", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("comments_post_parent").execute();
}
