import { sql } from "kysely";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

describe("migrated database", () => {
  it("has every table of the design", async () => {
    const tables = await db.introspection.getTables();
    expect(
      tables
        .map((t) => t.name)
        .filter((name) => !name.startsWith("kysely_migration"))
        .sort(),
    ).toEqual([
      "boards",
      "categories",
      "comments",
      "login_failures",
      "post_views",
      "posts",
      "scraps",
      "sessions",
      "user_excluded_categories",
      "users",
    ]);
  });

  it("enforces foreign keys", async () => {
    await expect(db.insertInto("categories").values({ board_id: 999, slug: "x", name: "x" }).execute()).rejects.toThrow(
      /foreign key constraint/i,
    );
  });

  it("rejects a board slug with characters outside a-z, 0-9 and -", async () => {
    await expect(
      db.insertInto("boards").values({ slug: "Bad Slug", name: "x", created_at: 0 }).execute(),
    ).rejects.toThrow(/check constraint/i);
    const { rows } = await sql<{ n: number }>`select count(*) as n from boards`.execute(db);
    expect(rows[0].n).toBe(0);
  });
});
