import { sql } from "kysely";
import { BOARD_TABLE_NAMES, columnsOf, type BoardTableName } from "#db/board-tables";
import { searchIndexOf } from "#db/search";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

describe("migrated database", () => {
  // Each table the migrations make is one the code knows (db/types.ts and the copy/backup list), and none is missing.
  // The search index is not a board table: it is derived from posts and comments, and each engine keeps its own kind.
  it("has exactly the tables the code knows, each with the columns it expects", async () => {
    const tables = await db.introspection.getTables();
    const searchIndex = searchIndexOf(db).tables;
    expect(tables.map((t) => t.name).filter((name) => searchIndex.includes(name))).toEqual(
      expect.arrayContaining([...searchIndex]),
    );
    const made = tables.filter((t) => !t.name.startsWith("kysely_migration") && !searchIndex.includes(t.name));
    expect(made.map((t) => t.name).sort()).toEqual([...BOARD_TABLE_NAMES].sort());
    for (const table of made) {
      expect(table.columns.map((c) => c.name).sort(), table.name).toEqual(
        columnsOf(table.name as BoardTableName).sort(),
      );
    }
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
