import { sql } from "kysely";
import { createTestDb } from "../helpers/db";
import { markBoardChanged } from "~/models/board-versions.server";
import { ANCHOR_SPAN, findPageStart, type PostList } from "~/models/list-page-anchors.server";

const db = createTestDb();
const PER_PAGE = 20;
const POSTS = ANCHOR_SPAN * 4 + 137;

let boardId: number;
let categoryIds: number[];

beforeAll(async () => {
  const user = await db
    .insertInto("users")
    .values({ username: "writer", password_hash: "x", created_at: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const board = await db
    .insertInto("boards")
    .values({ slug: "square", name: "스퀘어", created_at: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  boardId = board.id;
  const categories = await db
    .insertInto("categories")
    .values([
      { board_id: boardId, slug: "news", name: "뉴스" },
      { board_id: boardId, slug: "tips", name: "팁" },
    ])
    .returning("id")
    .execute();
  categoryIds = categories.map((c) => c.id);
  const rows = Array.from({ length: POSTS }, (_, i) => ({
    board_id: boardId,
    category_id: i % 5 === 0 ? null : categoryIds[i % 3 === 0 ? 1 : 0],
    author_id: user.id,
    title: `글 ${i}`,
    body_md: "b",
    body_html: "<p>b</p>",
    is_anonymous: 0,
    created_at: i,
    updated_at: i,
    deleted_at: i % 97 === 0 ? i : null,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("posts")
      .values(rows.slice(i, i + 500))
      .execute();
});

async function liveIdsNewestFirst(list: PostList): Promise<number[]> {
  let query = db.selectFrom("posts").select("id").where("board_id", "=", list.boardId).where("deleted_at", "is", null);
  if (list.categoryId !== undefined) query = query.where("category_id", "=", list.categoryId);
  return (await query.orderBy("id", "desc").execute()).map((r) => r.id);
}

/** Asks for every page, newest first or (`oldestFirst`) from the end, so that anchors are found then extended. */
async function expectEveryPageStartsRight(list: PostList, { oldestFirst = false } = {}) {
  const ids = await liveIdsNewestFirst(list);
  const pages = Array.from({ length: Math.ceil(ids.length / PER_PAGE) + 1 }, (_, i) => i + 1);
  for (const page of oldestFirst ? pages.reverse() : pages) {
    const expected = ids[(page - 1) * PER_PAGE] ?? null;
    expect(await findPageStart(db, list, ids.length, page, PER_PAGE), `page ${page}`).toBe(expected);
  }
}

describe("findPageStart", () => {
  it("finds the first post of every page of a board, as OFFSET would", async () => {
    await expectEveryPageStartsRight({ boardId });
  });

  it("extends the anchors it has when deeper pages are asked for later", async () => {
    // Whatever ran before, the anchors are found afresh: from the oldest page, then one more with each deeper page.
    await db
      .updateTable("boards")
      .set((eb) => ({ rank_version: eb("rank_version", "+", 1) }))
      .where("id", "=", boardId)
      .execute();
    await expectEveryPageStartsRight({ boardId }, { oldestFirst: true });
  });

  it("finds the first post of every page of a category", async () => {
    await expectEveryPageStartsRight({ boardId, categoryId: categoryIds[0] });
    await expectEveryPageStartsRight({ boardId, categoryId: categoryIds[1] });
  });

  it("stays right as new posts arrive on top", async () => {
    await expectEveryPageStartsRight({ boardId });
    const author = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    await db
      .insertInto("posts")
      .values({
        board_id: boardId,
        author_id: author.id,
        title: "새 글",
        body_md: "b",
        body_html: "<p>b</p>",
        is_anonymous: 0,
        created_at: POSTS,
        updated_at: POSTS,
      })
      .execute();
    await markBoardChanged(db, boardId);
    await expectEveryPageStartsRight({ boardId });
  });

  it("finds the anchors again after a deletion shifts older posts", async () => {
    await expectEveryPageStartsRight({ boardId, categoryId: categoryIds[0] });
    await db.transaction().execute(async (trx) => {
      await sql`update posts set deleted_at = 1 where id in (select id from posts where category_id = ${categoryIds[0]} and deleted_at is null order by id limit 3)`.execute(
        trx,
      );
      await markBoardChanged(trx, boardId, { ranksShifted: true });
    });
    await expectEveryPageStartsRight({ boardId, categoryId: categoryIds[0] });
    await expectEveryPageStartsRight({ boardId });
  });
});
