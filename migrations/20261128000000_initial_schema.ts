import { sql, type Kysely } from "kysely";
import { schemaDialect } from "../db/engine";

// Frozen in time: this file must never import application code; db/ answers only what differs between engines.
// Times are integer milliseconds since the epoch (UTC) so they sort and compare the same in SQLite and PostgreSQL.

export async function up(db: Kysely<any>): Promise<void> {
  const { columnTypes, identityPrimaryKey, onlySlugCharacters } = schemaDialect(db);
  const { id: idType, bigint } = columnTypes;
  await db.schema
    .createTable("users")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .defaultTo("member")
        .check(sql`role in ('member', 'admin')`),
    )
    .addColumn("created_at", bigint, (c) => c.notNull())
    .addCheckConstraint("users_username_shape", sql`length(username) between 3 and 20 and username = lower(username)`)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("created_at", bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failures_ip").on("login_failures").columns(["ip", "created_at"]).execute();
  await db.schema
    .createIndex("login_failures_username")
    .on("login_failures")
    .columns(["username", "created_at"])
    .execute();

  await db.schema
    .createTable("boards")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_anonymous", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_anonymous in (0, 1)`),
    )
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("post_count", bigint, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`post_count >= 0`),
    )
    .addColumn("created_at", bigint, (c) => c.notNull())
    .addCheckConstraint("boards_slug_shape", sql`length(slug) between 2 and 30 and ${onlySlugCharacters("slug")}`)
    .addCheckConstraint("boards_name_length", sql`length(name) between 1 and 40`)
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("board_id", idType, (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("admin_only", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`admin_only in (0, 1)`),
    )
    .addColumn("post_count", bigint, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`post_count >= 0`),
    )
    .addUniqueConstraint("categories_board_slug", ["board_id", "slug"])
    .addCheckConstraint("categories_slug_shape", sql`length(slug) between 1 and 30 and ${onlySlugCharacters("slug")}`)
    .addCheckConstraint("categories_name_length", sql`length(name) between 1 and 30`)
    .execute();

  await db.schema
    .createTable("posts")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("board_id", idType, (c) => c.notNull().references("boards.id"))
    .addColumn("category_id", idType, (c) => c.references("categories.id").onDelete("set null"))
    .addColumn("author_id", idType, (c) => c.notNull().references("users.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("view_count", bigint, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`view_count >= 0`),
    )
    .addColumn("comment_count", bigint, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`comment_count >= 0`),
    )
    .addColumn("scrap_count", bigint, (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`scrap_count >= 0`),
    )
    .addColumn("notice_scope", "text", (c) =>
      c
        .notNull()
        .defaultTo("none")
        .check(sql`notice_scope in ('none', 'board', 'global')`),
    )
    .addColumn("notice_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", bigint, (c) => c.notNull())
    .addColumn("updated_at", bigint, (c) => c.notNull())
    .addColumn("deleted_at", bigint)
    .addCheckConstraint("posts_title_length", sql`length(title) between 1 and 200`)
    .execute();
  // The board list: newest first, live posts only, by board and optionally by category.
  await db.schema
    .createIndex("posts_board_live")
    .on("posts")
    .columns(["board_id", "id desc"])
    .where(sql.ref("deleted_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("posts_board_category_live")
    .on("posts")
    .columns(["board_id", "category_id", "id desc"])
    .where(sql.ref("deleted_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("posts_notices")
    .on("posts")
    .columns(["notice_scope", "board_id", "notice_order"])
    .where(sql<boolean>`notice_scope <> 'none' and deleted_at is null`)
    .execute();
  await db.schema.createIndex("posts_author").on("posts").columns(["author_id", "id"]).execute();

  await db.schema
    .createTable("comments")
    .addColumn("id", idType, identityPrimaryKey)
    .addColumn("post_id", idType, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("author_id", idType, (c) => c.notNull().references("users.id"))
    .addColumn("parent_id", idType, (c) => c.references("comments.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", bigint, (c) => c.notNull())
    .addColumn("deleted_at", bigint)
    .addCheckConstraint("comments_body_length", sql`length(body) between 1 and 2000`)
    .execute();
  await db.schema.createIndex("comments_post").on("comments").columns(["post_id", "id"]).execute();
  await db.schema.createIndex("comments_parent").on("comments").columns(["parent_id", "id"]).execute();
  await db.schema.createIndex("comments_author").on("comments").columns(["author_id", "id"]).execute();

  await db.schema
    .createTable("scraps")
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("post_id", idType, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("memo", "text", (c) =>
      c
        .notNull()
        .defaultTo("")
        .check(sql`length(memo) <= 200`),
    )
    .addColumn("created_at", bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint("scraps_pk", ["user_id", "post_id"])
    .execute();
  await db.schema.createIndex("scraps_user_created").on("scraps").columns(["user_id", "created_at desc"]).execute();
  await db.schema.createIndex("scraps_post").on("scraps").column("post_id").execute();

  // One row per reader per post; a view counts again only when viewed_at is older than the window.
  await db.schema
    .createTable("post_views")
    .addColumn("post_id", idType, (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("reader_key", "text", (c) => c.notNull())
    .addColumn("viewed_at", bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint("post_views_pk", ["post_id", "reader_key"])
    .execute();
  await db.schema.createIndex("post_views_viewed_at").on("post_views").column("viewed_at").execute();

  await db.schema
    .createTable("user_excluded_categories")
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("category_slug", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_excluded_categories_pk", ["user_id", "category_slug"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "user_excluded_categories",
    "post_views",
    "scraps",
    "comments",
    "posts",
    "categories",
    "boards",
    "login_failures",
    "sessions",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
