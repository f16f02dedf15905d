import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// Suspensions (이용 정지): one row per suspension an admin gave, kept after it ends or is lifted as the member's
// history. ends_at is null for a permanent one. Also what the posting limits count by: each member's recent posts
// and comments by creation time, and recent sign-ups per client address.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey } = schemaDialect(db);
  await db.schema
    .createTable("suspensions")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("user_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("admin_id", columnTypes.id, (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("starts_at", columnTypes.bigint, (c) => c.notNull())
    .addColumn("ends_at", columnTypes.bigint)
    .addColumn("lifted_at", columnTypes.bigint)
    .addColumn("lifted_by", columnTypes.id, (c) => c.references("users.id"))
    .addCheckConstraint("suspensions_reason_length", sql`length(reason) between 1 and 200`)
    .addCheckConstraint("suspensions_ends_after_start", sql`ends_at is null or ends_at > starts_at`)
    .addCheckConstraint("suspensions_lifted_by_someone", sql`(lifted_at is null) = (lifted_by is null)`)
    .execute();
  // A member's suspensions, newest first: the current one for every write, the history for the admin page.
  await db.schema.createIndex("suspensions_user").on("suspensions").columns(["user_id", "id"]).execute();

  // The posting limits count one member's rows created since a moment.
  await db.schema.createIndex("posts_author_created").on("posts").columns(["author_id", "created_at"]).execute();
  await db.schema.createIndex("comments_author_created").on("comments").columns(["author_id", "created_at"]).execute();

  // Sign-ups per client address, for the limit on new accounts; rows older than the limit's window are pruned.
  await db.schema
    .createTable("signup_addresses")
    .addColumn("id", columnTypes.id, identityPrimaryKey)
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("signup_addresses_address")
    .on("signup_addresses")
    .columns(["address", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signup_addresses").execute();
  await db.schema.dropIndex("comments_author_created").execute();
  await db.schema.dropIndex("posts_author_created").execute();
  await db.schema.dropTable("suspensions").execute();
}
