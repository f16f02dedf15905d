import { sql, type Kysely } from "kysely";

// Frozen in time: this file must never import application code.
// Whether a post or comment hides its author is decided when it is written, not by the board's current setting, so
// turning 익명 off (or on) changes only what is written afterwards. Existing rows take their board's setting today.
// SQLite adds a NOT NULL column only with a default: 1, so a row written without the flag hides its author rather
// than showing it (the app always sets it).

const TABLES = ["posts", "comments"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn("is_anonymous", "integer", (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`is_anonymous in (0, 1)`),
      )
      .execute();
  }
  await db
    .updateTable("posts")
    .set((eb) => ({
      is_anonymous: eb.selectFrom("boards").select("boards.is_anonymous").whereRef("boards.id", "=", "posts.board_id"),
    }))
    .execute();
  await db
    .updateTable("comments")
    .set((eb) => ({
      is_anonymous: eb.selectFrom("posts").select("posts.is_anonymous").whereRef("posts.id", "=", "comments.post_id"),
    }))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn("is_anonymous").execute();
}
