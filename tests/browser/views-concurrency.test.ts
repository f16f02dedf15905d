import type { Kysely } from "kysely";
import { newReaders, readAllAtOnce } from "../../bench/reader-burst";
import { openDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { startBoard, type RunningBoard } from "../helpers/browser";

// Against the real production server (node server.js, two worker processes on one WAL database), each reader as a
// browser reads a post: the page, then its view image with the reader cookie the page set. The 3,000-reader burst and
// its timing live in the bench (`npm run bench:burst`); this checks exactness at a size any machine answers within
// the test timeout.
const READERS = 1_000;
const RETURNING_READERS = 200;

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

describe("view counting under concurrency", () => {
  it(`counts ${READERS} concurrent first-time readers exactly once each, and nothing for their return`, async () => {
    const readers = newReaders(READERS);
    const before = await storedViewCount();

    const firstVisit = await readAllAtOnce(board.baseUrl, postPath, readers);
    expect(firstVisit.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(await storedViewCount()).toBe(before + READERS);

    const secondVisit = await readAllAtOnce(board.baseUrl, postPath, readers.slice(0, RETURNING_READERS));
    expect(secondVisit.statuses.filter((status) => status !== 200)).toEqual([]);
    expect(await storedViewCount()).toBe(before + READERS);
  });
});
