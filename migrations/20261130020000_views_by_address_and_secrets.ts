import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Views counted by a request the post page makes (docs/decisions/024-views-from-the-page.md):
// - post_address_views: a client that keeps no reader cookie is counted by its address (an HMAC, never the address
//   itself), at most 30 views per post per Korean day; `views` is the day's count so far, moved by one upsert.
// - server_secrets: secrets every process and app server must share, made once by the first process that needs
//   one (the key that signs `madang_reader` cookies unless READER_COOKIE_SECRET is set).

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes } = schemaDialect(db);
  await db.schema
    .createTable("post_address_views")
    .addColumn("post_id", columnTypes.id, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("address_hash", "text", (c) => c.notNull())
    .addColumn("view_day", "integer", (c) => c.notNull())
    .addColumn("views", "integer", (c) => c.notNull().check(sql`views between 1 and 30`))
    .addPrimaryKeyConstraint("post_address_views_pk", ["post_id", "address_hash", "view_day"])
    .execute();
  // Past days' rows are pruned in small batches.
  await db.schema.createIndex("post_address_views_day").on("post_address_views").column("view_day").execute();

  await db.schema
    .createTable("server_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull().check(sql`length(value) >= 32`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("server_secrets").execute();
  await db.schema.dropTable("post_address_views").execute();
}
