import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { BOARD_TABLE_NAMES, BOARD_TABLES, type BoardTableName } from "#db/board-tables";
import { CopyRefused, compareBoards, copyBoard } from "#db/copy";
import { migrateToLatest } from "#db/migrator";
import { seedDemoData } from "#db/seed";
import type { Database } from "#db/types";
import { createTestDbUrl, createUnmigratedTestDbUrl } from "../helpers/db";
import { openClosedAfterEachTest, runDbCommand, runDirOfTestFile } from "./support/commands";

// Runs on both engines: the migrated target, and the unmigrated middle of the round trip, are this project's
// engine (SQLite in `integration`, PostgreSQL in `integration-pg`); the round trip starts and ends on SQLite files.

const open = openClosedAfterEachTest();
const sqliteDir = runDirOfTestFile("db-copy");

/** The demo board, plus a row or more in every table the demo leaves empty. */
async function seedEveryTable(db: Kysely<Database>): Promise<void> {
  await seedDemoData(db);
  const users = await db.selectFrom("users").select("id").orderBy("id").limit(3).execute();
  const posts = await db.selectFrom("posts").select("id").orderBy("id").limit(3).execute();
  await db
    .insertInto("sessions")
    .values(users.map((u, i) => ({ id: `session-${i}`, user_id: u.id, expires_at: 2_000_000_000_000 + i })))
    .execute();
  await db
    .insertInto("login_failures")
    .values([1, 2].map((i) => ({ ip: "127.0.0.1", username: `who${i}`, created_at: 1_700_000_000_000 + i })))
    .execute();
  await db
    .insertInto("scraps")
    .values(users.flatMap((u) => posts.map((p) => ({ user_id: u.id, post_id: p.id, created_at: 1_700_000_000_000 }))))
    .execute();
  await db
    .insertInto("post_views")
    .values(
      posts.flatMap((p) => ["a", "b", "c"].map((reader) => ({ post_id: p.id, reader_key: reader, viewed_at: 1 }))),
    )
    .execute();
  await db
    .insertInto("user_excluded_categories")
    .values(users.map((u) => ({ user_id: u.id, category_slug: "free" })))
    .execute();
}

async function tableRows(db: Kysely<Database>, table: BoardTableName) {
  const { key } = BOARD_TABLES[table];
  return key.reduce((query, column) => query.orderBy(column), db.selectFrom(table).selectAll()).execute();
}

async function expectSameRows(from: Kysely<Database>, to: Kysely<Database>) {
  for (const table of BOARD_TABLE_NAMES) {
    expect({ table, rows: await tableRows(to, table) }).toEqual({ table, rows: await tableRows(from, table) });
  }
}

async function seededSourceUrl(): Promise<string> {
  const url = await createTestDbUrl();
  await seedEveryTable(open(url));
  return url;
}

const COPY_TEST_BATCH_ROWS = 500;

describe("db:copy", () => {
  it("copies every table with its ids in small batches, and the target numbers new rows after them", async () => {
    const source = open(await seededSourceUrl());
    const target = open(await createTestDbUrl());
    const progress: string[] = [];
    // The demo's thousands of comments span many batches; a batch of a few rows would make thousands of round trips.
    const { comments } = await source
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("comments"))
      .executeTakeFirstOrThrow();
    expect(Number(comments)).toBeGreaterThan(10 * COPY_TEST_BATCH_ROWS);
    const differences = await copyBoard(source, target, {
      batchRows: COPY_TEST_BATCH_ROWS,
      onProgress: ({ table, copied, total, done }) => done && progress.push(`${table} ${copied}/${total}`),
    });
    expect(differences).toEqual([]);
    await expectSameRows(source, target);
    expect(progress).toContain("post_views 9/9");
    const { maxId } = await target
      .selectFrom("posts")
      .select((eb) => eb.fn.max("id").as("maxId"))
      .executeTakeFirstOrThrow();
    const [author] = await target.selectFrom("users").select("id").limit(1).execute();
    const added = await target
      .insertInto("posts")
      .values({
        board_id: 1,
        author_id: author.id,
        title: "복사 후 첫 글",
        body_md: "본문",
        body_html: "<p>본문</p>",
        is_anonymous: 0,
        created_at: 1,
        updated_at: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(added.id).toBe(Number(maxId) + 1);
  });

  it("names a counter that differs between source and copy", async () => {
    const source = open(await seededSourceUrl());
    const target = open(await createTestDbUrl());
    await copyBoard(source, target);
    const { total } = await source
      .selectFrom("posts")
      .select((eb) => eb.fn.sum<number>("view_count").as("total"))
      .executeTakeFirstOrThrow();
    await target
      .updateTable("posts")
      .set((eb) => ({ view_count: eb("view_count", "+", 1) }))
      .where(
        "id",
        "=",
        target.selectFrom("posts").select((eb) => eb.fn.min("id").as("first")),
      )
      .execute();
    expect(await compareBoards(source, target)).toEqual([
      `posts.sum(view_count): ${Number(total)} ≠ ${Number(total) + 1}`,
    ]);
  });

  it("round-trips a SQLite board through a database with no tables and back, migrating each target", async () => {
    const source = open(`file:${sqliteDir.path}/${randomUUID()}.db`);
    await migrateToLatest(source);
    await seedEveryTable(source);
    const middle = open(await createUnmigratedTestDbUrl());
    const back = open(`file:${sqliteDir.path}/${randomUUID()}.db`);
    expect(await copyBoard(source, middle, { batchRows: 1000 })).toEqual([]);
    expect(await copyBoard(middle, back, { batchRows: 1000 })).toEqual([]);
    await expectSameRows(source, back);
  });

  it("refuses a target that has any row, with one line and exit code 1, and leaves it as it was", async () => {
    const sourceUrl = await seededSourceUrl();
    const targetUrl = await createTestDbUrl();
    const target = open(targetUrl);
    await target.insertInto("login_failures").values({ ip: "127.0.0.1", username: "early", created_at: 1 }).execute();
    const result = await runDbCommand("copy", ["--from", sourceUrl, "--to", targetUrl]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "대상 데이터베이스가 비어 있지 않습니다 (the target is not empty: login_failures has rows); copy only into an empty database",
    ]);
    expect(await target.selectFrom("users").select("id").execute()).toEqual([]);
  });

  it("refuses a source with migrations this code does not know, or behind the code's", async () => {
    const source = open(await seededSourceUrl());
    const migrations = source as unknown as Kysely<{ kysely_migration: { name: string; timestamp: string } }>;
    await migrations
      .insertInto("kysely_migration")
      .values({ name: "29991231000000_from_the_future", timestamp: new Date().toISOString() })
      .execute();
    const target = open(await createTestDbUrl());
    await expect(copyBoard(source, target)).rejects.toThrow(
      new CopyRefused(
        "원본 (source): 데이터베이스가 이 버전의 마당보다 새 버전입니다 (the database has migrations this code does not know: " +
          "29991231000000_from_the_future); 그 마이그레이션이 있는 버전으로 실행하세요 (run the version that has them)",
      ),
    );

    const behind = open(await seededSourceUrl());
    const behindMigrations = behind as unknown as Kysely<{ kysely_migration: { name: string } }>;
    const { latest } = await behindMigrations
      .selectFrom("kysely_migration")
      .select((eb) => eb.fn.max("name").as("latest"))
      .executeTakeFirstOrThrow();
    await behindMigrations.deleteFrom("kysely_migration").where("name", "=", latest).execute();
    await expect(copyBoard(behind, target)).rejects.toThrow(
      new CopyRefused(
        `원본이 최신 마이그레이션이 아닙니다 (the source lacks ${latest}): run npm run db:migrate on it first`,
      ),
    );
  });
});
