import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateToLatest } from "#db/migrator";
import { openSqlite, openSqliteFile } from "#db/sqlite";
import { DATABASE_BUSY_MESSAGE } from "~/server/database-outage.server";
import {
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  ORIGIN,
  sessionCookieFor,
} from "./support/board-fixtures";
import { buildFromSource, inProcessServer } from "./support/in-process-server";

// A write that waits its whole bound for the write lock, which another process holds (ADR 031), gets a Korean 503
// with Retry-After, not a 500; sent again once the lock is free, it goes through. Only SQLite bounds its wait
// (PostgreSQL waits for its locks without one), so this runs on an SQLite file of its own in both projects.

const folder = mkdtempSync(join(tmpdir(), "madang-busy-"));
const path = join(folder, "busy.db");
const db = openSqlite(path, { lockWaitMs: 100 });
afterAll(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

await migrateToLatest(db);
const serve = inProcessServer(await buildFromSource());
const board = await createTestBoard(db, "busy-board");
const memberId = await createUser(db, "busy_member");
const postId = await createTestPost(db, board, { authorId: memberId, title: "바쁜 글" });
const cookie = await sessionCookieFor(db, memberId);
function comment(): Request {
  const request = formPost(`/${board.slug}/${postId}`, { intent: "comment", body: "지금 쓰는 댓글" }, cookie);
  // As server.js hands it to Remix, which compares the Origin of an action's request with its Host.
  request.headers.set("Host", new URL(ORIGIN).host);
  return request;
}

describe("a comment sent while another process holds the write lock past the wait", () => {
  it("gets a Korean 503 page with Retry-After, and goes through when sent again after the lock is free", async () => {
    const otherWorker = openSqliteFile(path);
    otherWorker.exec("begin immediate");
    const refused = await serve(comment(), { db });
    otherWorker.exec("rollback");
    otherWorker.close();

    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("1");
    expect(await refused.text()).toContain(DATABASE_BUSY_MESSAGE);
    const stored = () => db.selectFrom("comments").select("body").where("post_id", "=", postId).execute();
    expect(await stored()).toEqual([]);

    const sentAgain = await serve(comment(), { db });
    expect(sentAgain.status).toBe(303);
    expect(await stored()).toEqual([{ body: "지금 쓰는 댓글" }]);
  });
});
