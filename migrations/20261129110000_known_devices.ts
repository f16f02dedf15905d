import { type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code.
// A browser that logged in to an account carries a device token; the account's owner is then throttled per device
// rather than per account (docs/decisions/013-known-devices.md). Only the token's SHA-256 is stored.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes } = schemaDialect(db);
  await db.schema
    .createTable("known_devices")
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("user_id", columnTypes.id, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", columnTypes.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint("known_devices_pk", ["token_hash", "user_id"])
    .execute();
  await db.schema.createIndex("known_devices_user_id").on("known_devices").column("user_id").execute();
  await db.schema.createIndex("known_devices_created_at").on("known_devices").column("created_at").execute();

  // The token hash of a recognised device the failed attempt came from; null for every other attempt.
  await db.schema.alterTable("login_failures").addColumn("device", "text").execute();
  await db.schema.createIndex("login_failures_device").on("login_failures").columns(["device", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("login_failures_device").execute();
  await db.schema.alterTable("login_failures").dropColumn("device").execute();
  await db.schema.dropTable("known_devices").execute();
}
