import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openSqlite } from "#db/sqlite";

// The SQLite connection keeps each prepared statement for the next query of the same SQL (db/sqlite.ts). Runs on an
// SQLite file of its own in both integration projects: it tests db/sqlite.ts, not the engine under test.

const folder = mkdtempSync(join(tmpdir(), "madang-statements-"));
const db = openSqlite(join(folder, "statements.db"));
afterAll(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

const rowsOfNotes = async () => (await sql<Record<string, unknown>>`select * from notes order by id`.execute(db)).rows;

describe("a statement kept for its SQL", () => {
  it("answers each run with that run's values and the table as it is now", async () => {
    await sql`create table notes (id integer primary key, body text not null)`.execute(db);
    for (const body of ["하나", "둘"]) await sql`insert into notes (body) values (${body})`.execute(db);
    expect(await rowsOfNotes()).toEqual([
      { id: 1, body: "하나" },
      { id: 2, body: "둘" },
    ]);
    const bodyOf = async (id: number) =>
      (await sql<{ body: string }>`select body from notes where id = ${id}`.execute(db)).rows;
    expect([await bodyOf(2), await bodyOf(1), await bodyOf(3)]).toEqual([[{ body: "둘" }], [{ body: "하나" }], []]);
  });

  it("sees a column added after it was first run", async () => {
    await sql`alter table notes add column mood text not null default '좋음'`.execute(db);
    expect(await rowsOfNotes()).toEqual([
      { id: 1, body: "하나", mood: "좋음" },
      { id: 2, body: "둘", mood: "좋음" },
    ]);
  });
});
