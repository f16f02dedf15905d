import { sql } from "kysely";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

describe("migrated database", () => {
  it("has every table of the design", async () => {
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual(
      expect.arrayContaining(["boards", "categories", "comments", "posts", "scraps", "sessions", "users"]),
    );
  });

  it("enforces foreign keys", async () => {
    await expect(db.insertInto("categories").values({ board_id: 999, slug: "x", name: "x" }).execute()).rejects.toThrow(
      /FOREIGN KEY/,
    );
  });

  it("rejects a board slug with characters outside a-z, 0-9 and -", async () => {
    await expect(
      db.insertInto("boards").values({ slug: "Bad Slug", name: "x", created_at: 0 }).execute(),
    ).rejects.toThrow(/CHECK/);
    const { rows } = await sql<{ n: number }>`select count(*) as n from boards`.execute(db);
    expect(rows[0].n).toBe(0);
  });
});
