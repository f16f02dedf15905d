import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Uploaded images (issue 15). One row per stored file, named by the SHA-256 of its re-encoded bytes, so the same
// picture uploaded twice is one row and one file. post_images says which live posts show which upload: deleting a
// post removes its rows, and clean-up removes only uploads no row points at. upload_events counts each member's
// uploads for the hourly limit (a repeated picture still costs the work of decoding it). posts.has_images is what
// the board list reads for its picture icon, set in the transaction that writes the post, so the list needs no join.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .createTable("uploads")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("uploader_id", columnTypes.id, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    // Moved forward whenever the same picture is uploaded again, so clean-up never takes a file someone just chose.
    .addColumn("last_uploaded_at", columnTypes.bigint, (c) => c.notNull())
    .addCheckConstraint("uploads_hash_hex", sql`length(hash) = 64`)
    .addCheckConstraint("uploads_format", sql`format in ('webp', 'gif')`)
    .addCheckConstraint("uploads_size", sql`width between 1 and 2560 and height between 1 and 2560 and bytes > 0`)
    .execute();
  await db.schema.createIndex("uploads_last_uploaded").on("uploads").column("last_uploaded_at").execute();

  await db.schema
    .createTable("post_images")
    .addColumn("post_id", columnTypes.id, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("upload_id", columnTypes.id, (c) => c.notNull().references("uploads.id"))
    .addPrimaryKeyConstraint("post_images_pk", ["post_id", "upload_id"])
    .execute();
  await db.schema.createIndex("post_images_upload").on("post_images").column("upload_id").execute();

  await db.schema
    .createTable("upload_events")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("user_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("upload_events_user").on("upload_events").columns(["user_id", "created_at"]).execute();
  // The daily clean-up drops events the hourly limit no longer counts.
  await db.schema.createIndex("upload_events_created").on("upload_events").column("created_at").execute();

  await db.schema
    .alterTable("posts")
    .addColumn("has_images", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`has_images in (0, 1)`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("posts").dropColumn("has_images").execute();
  await db.schema.dropTable("upload_events").execute();
  await db.schema.dropTable("post_images").execute();
  await db.schema.dropTable("uploads").execute();
}
