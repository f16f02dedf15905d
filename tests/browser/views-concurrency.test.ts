import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { startBoard, type RunningBoard } from "../helpers/browser";

// Against the real production server (node server.js, two worker processes on one WAL database). The requests ask for
// the post's loader data (`.data`, what a client-side navigation fetches): the same loader and view counting as the
// document, without rendering 20,000 HTML pages.
const VISITORS = 10_000;
const RETURNING_VISITORS = 2_000;
const TIMEOUT_MS = 180_000;
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

let board: RunningBoard;
let db: Kysely<Database>;
let postPath: string;
let postId: number;

beforeAll(async () => {
  board = await startBoard();
  db = openDatabase(`file:${board.dbPath}`);
  const post = await db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .select(["posts.id", "boards.slug"])
    .where("posts.deleted_at", "is", null)
    .orderBy("posts.id", "desc")
    .executeTakeFirstOrThrow();
  postId = post.id;
  postPath = `/${post.slug}/${post.id}`;
});

afterAll(async () => {
  await db?.destroy();
  await board?.stop();
});

async function storedViewCount(): Promise<number> {
  const row = await db.selectFrom("posts").select("view_count").where("id", "=", postId).executeTakeFirstOrThrow();
  return row.view_count;
}

/** Every visitor's request at once; resolves to the status of each. */
function visitAll(readerIds: string[]): Promise<number[]> {
  return Promise.all(
    readerIds.map(async (id) => {
      const response = await fetch(`${board.baseUrl}${postPath}.data`, {
        headers: { cookie: `madang_reader=${id}`, "user-agent": READER_UA },
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

describe("view counting under concurrency", () => {
  it(
    `counts ${VISITORS} concurrent distinct visitors exactly once each, and nothing for their return`,
    async () => {
      const readerIds = Array.from({ length: VISITORS }, () => randomBytes(16).toString("base64url"));
      const before = await storedViewCount();

      const firstVisit = await visitAll(readerIds);
      expect(firstVisit.filter((status) => status !== 200)).toEqual([]);
      expect(await storedViewCount()).toBe(before + VISITORS);

      const secondVisit = await visitAll(readerIds.slice(0, RETURNING_VISITORS));
      expect(secondVisit.filter((status) => status !== 200)).toEqual([]);
      expect(await storedViewCount()).toBe(before + VISITORS);
    },
    TIMEOUT_MS,
  );
});
