import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import type SQLite from "better-sqlite3";
import { openSqlite, openSqliteFile } from "#db/sqlite";
import type { Database } from "#db/types";

// How SQLite's connection waits for another process's write lock (ADR 031). Runs on an SQLite file of its own in both
// integration projects: it tests db/sqlite.ts, not the engine under test. A second connection on the same file stands
// in for the other server worker.

const folder = mkdtempSync(join(tmpdir(), "madang-write-lock-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let opened: Kysely<Database>[] = [];
let holders: SQLite.Database[] = [];
afterEach(async () => {
  for (const holder of holders) holder.close();
  await Promise.all(opened.map((db) => db.destroy()));
  opened = [];
  holders = [];
});

/** The app's connection to a new file with one table, and another connection on it holding the write lock. */
async function lockedDatabase(name: string, lockWaitMs?: number) {
  const path = join(folder, `${name}.db`);
  const db = openSqlite(path, { lockWaitMs });
  opened.push(db);
  await sql`create table tallies (n integer not null)`.execute(db);
  const holder = openSqliteFile(path);
  holders.push(holder);
  holder.exec("begin immediate");
  return { db, holder };
}

async function tallies(db: Kysely<Database>): Promise<number[]> {
  const { rows } = await sql<{ n: number }>`select n from tallies order by n`.execute(db);
  return rows.map((row) => row.n);
}

/** Resolves after `count` ticks of a short interval timer, which fire only while the event loop is free. */
function ticks(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const timer = setInterval(() => {
      if (++seen < count) return;
      clearInterval(timer);
      resolve();
    }, 5);
  });
}

describe("a write that finds another process holding SQLite's write lock", () => {
  it("waits without blocking the event loop, and commits once the holder lets go", async () => {
    const { db, holder } = await lockedDatabase("waits");
    const settled: string[] = [];
    const inTransaction = db
      .transaction()
      .execute((trx) => sql`insert into tallies (n) values (1)`.execute(trx))
      .then(() => settled.push("transaction"));
    const autocommit = sql`insert into tallies (n) values (2)`.execute(db).then(() => settled.push("autocommit"));

    await ticks(5);
    expect(settled).toEqual([]);
    holder.exec("commit");
    await Promise.all([inTransaction, autocommit]);

    expect(settled.sort()).toEqual(["autocommit", "transaction"]);
    expect(await tallies(db)).toEqual([1, 2]);
  });

  it("fails with SQLite's own SQLITE_BUSY after the bound when the lock is never let go, and writes again after", async () => {
    const { db, holder } = await lockedDatabase("bound", 150);
    let tickedWhileWaiting = false;
    void ticks(3).then(() => (tickedWhileWaiting = true));
    const began = performance.now();

    const failed = db.transaction().execute((trx) => sql`insert into tallies (n) values (1)`.execute(trx));

    await expect(failed).rejects.toMatchObject({ code: "SQLITE_BUSY", message: "database is locked" });
    expect(performance.now() - began).toBeGreaterThanOrEqual(150);
    expect(tickedWhileWaiting).toBe(true);
    holder.exec("rollback");
    await db.transaction().execute((trx) => sql`insert into tallies (n) values (3)`.execute(trx));
    expect(await tallies(db)).toEqual([3]);
  });
});
