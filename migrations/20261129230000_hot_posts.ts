import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// HOT (핫게): the stored ranking of the last 24 hours' posts, replaced whole every minute by a periodic job rather
// than computed per request (see docs/decisions/022-hot-ranking.md). hot_posts holds one row per ranked post with its
// place (1 is the hottest) and the board it sits in, for /<board>/hot; hot_ranking holds one row (id 1) saying
// when the ranking was last replaced, which also serialises two servers replacing it at once.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes } = schemaDialect(db);
  await db.schema
    .createTable("hot_posts")
    .addColumn("post_id", columnTypes.id, (c) => c.primaryKey().references("posts.id").onDelete("cascade"))
    .addColumn("board_id", columnTypes.id, (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("place", "integer", (c) => c.notNull().check(sql`place >= 1`))
    .addColumn("score", "double precision", (c) => c.notNull())
    .execute();
  // /hot reads the ranking in order; /<board>/hot one board's part of it in the same order.
  await db.schema.createIndex("hot_posts_place").on("hot_posts").column("place").unique().execute();
  await db.schema.createIndex("hot_posts_board_place").on("hot_posts").columns(["board_id", "place"]).execute();

  await db.schema
    .createTable("hot_ranking")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("computed_at", columnTypes.bigint, (c) => c.notNull())
    .execute();

  // The ranking reads only the last 24 hours' posts: a range of this index, however large the board grows.
  await db.schema.createIndex("posts_created").on("posts").columns(["created_at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("posts_created").execute();
  await db.schema.dropTable("hot_ranking").execute();
  await db.schema.dropTable("hot_posts").execute();
}
