import { existsSync, writeFileSync } from "node:fs";
import { inject } from "vitest";
import { addComment } from "~/models/comments.server";
import { checkBoard } from "#db/board-check";
import { openDatabase } from "#db/connection";
import { seedDemoData } from "#db/seed";
import { createTestDbUrl, createUnmigratedTestDbUrl } from "../helpers/db";
import { openClosedAfterEachTest, runDbCommand, runDirOfTestFile } from "./support/commands";

// Runs on both engines: SQLite files and the online backup API in `integration`, pg_dump/pg_restore in
// `integration-pg`. The commands run as a user runs them, in a process of their own.

const open = openClosedAfterEachTest();
const dir = runDirOfTestFile("backup");

function runCommand(script: "backup" | "restore", databaseUrl: string, args: string[]) {
  return runDbCommand(script, args, { DATABASE_URL: databaseUrl });
}

/** The `  table   N rows` lines a command printed. */
function printedRows(stdout: string): Record<string, number> {
  const lines = [...stdout.matchAll(/^ {2}(\w+) +([\d,]+) rows$/gm)];
  return Object.fromEntries(lines.map(([, table, rows]) => [table, Number(rows.replaceAll(",", ""))]));
}

async function seededUrl(): Promise<string> {
  const url = await createTestDbUrl();
  await seedDemoData(open(url));
  return url;
}

/** On PostgreSQL, the URL with a password (the test server trusts anyone), which no output may show. */
function withPassword(url: string): string {
  return url.replace(/^postgres:\/\/postgres@/, "postgres://postgres:secret-word@");
}

const backupFile = () => `${dir.path}/${Math.random().toString(36).slice(2)}.backup`;

// Each test runs the commands in processes of their own, a few seconds each on a busy machine.
describe("backup and restore", { timeout: 60_000 }, () => {
  it("backs up a board while comments are written to it, and restores it with every table and counter", async () => {
    const sourceUrl = withPassword(await seededUrl());
    const source = open(sourceUrl);
    const [author] = await source.selectFrom("users").select("id").limit(1).execute();
    const posts = await source.selectFrom("posts").select("id").where("deleted_at", "is", null).execute();
    const file = backupFile();

    let backupDone = false;
    const backup = runCommand("backup", sourceUrl, ["--out", file]).finally(() => (backupDone = true));
    let writes = 0;
    while (!backupDone) {
      const postId = posts[writes % posts.length].id;
      await addComment(source, { postId, authorId: author.id, body: `백업 중 댓글 ${writes}`, parentId: null });
      writes++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await backup;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(inject("integrationPg") ? "pg_dump" : "SQLite online backup API");
    expect(result.stdout).not.toContain("secret-word");
    expect(result.stdout).toMatch(/백업 완료 \(backup written and checked\): .+, [\d.]+ (KiB|MiB)/);
    expect(writes).toBeGreaterThan(0);

    const atBackup = printedRows(result.stdout);
    const now = await checkBoard(source);
    expect(atBackup.comments).toBeLessThanOrEqual(now.rows.comments);
    expect(atBackup.posts).toBe(now.rows.posts);

    const targetUrl = withPassword(await createUnmigratedTestDbUrl());
    const restored = await runCommand("restore", targetUrl, ["--from", file]);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(inject("integrationPg") ? "pg_restore" : "SQLite online backup API");
    expect(restored.stdout).not.toContain("secret-word");
    expect(printedRows(restored.stdout)).toEqual(atBackup);
    const check = await checkBoard(open(targetUrl));
    expect(check).toEqual({ rows: atBackup, problems: [] });
  });

  it("refuses a target with rows unless --force, which replaces it with the backup", async () => {
    const sourceUrl = await seededUrl();
    const file = backupFile();
    expect((await runCommand("backup", sourceUrl, ["--out", file])).code).toBe(0);
    const targetUrl = await createTestDbUrl();
    // Closed before the forced restore, as the server must be stopped: it is not the test's per-test `open`.
    const target = openDatabase(targetUrl);
    await target.insertInto("login_failures").values({ ip: "127.0.0.1", username: "early", created_at: 1 }).execute();

    const refused = await runCommand("restore", targetUrl, ["--from", file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toEqual([
      expect.stringContaining(
        "대상 데이터베이스가 비어 있지 않습니다 (the target is not empty: login_failures has rows)",
      ),
    ]);
    expect(await target.selectFrom("login_failures").select("username").execute()).toEqual([{ username: "early" }]);
    await target.destroy();

    const forced = await runCommand("restore", targetUrl, ["--from", file, "--force"]);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    const replaced = open(targetUrl);
    expect(await checkBoard(replaced)).toEqual(await checkBoard(open(sourceUrl)));
    expect(await replaced.selectFrom("login_failures").select("username").execute()).toEqual([]);
  });

  it("answers a file that is not a backup, or is missing, with one line and exit code 1", async () => {
    const targetUrl = await createUnmigratedTestDbUrl();
    const junk = `${dir.path}/junk.backup`;
    writeFileSync(junk, Buffer.alloc(8192, "쓰레기"));
    const notBackup = await runCommand("restore", targetUrl, ["--from", junk]);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/아닙니다 \(not a .+: .*junk\.backup\)$/),
    ]);

    const missing = await runCommand("restore", targetUrl, ["--from", `${dir.path}/none.backup`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toEqual([
      `파일이 없습니다 (no such file: --from ${dir.path}/none.backup)`,
    ]);

    const badUrl = await runCommand("backup", "mysql://someone:secret@db.example/madang", ["--out", backupFile()]);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr.trim().split("\n")).toEqual([
      "DATABASE_URL must start with postgres://, postgresql:// or file:, not mysql://someone:***@db.example/madang",
    ]);
    expect(existsSync(`${dir.path}/none.backup`)).toBe(false);
  });
});
