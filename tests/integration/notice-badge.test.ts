import * as categoryNoticeBadge from "../../migrations/20261129000000_category_notice_badge";
import { getBoardBySlug } from "~/models/boards.server";
import { action as boardAdminAction, loader as boardAdminPage } from "~/routes/admin.boards_.$slug";
import { loader as boardPage } from "~/routes/$board._index";
import { loader as noticesPage } from "~/routes/notices";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let adminCookie: string;
let authorId: number;

beforeAll(async () => {
  adminCookie = await sessionCookieFor(db, await createUser(db, "admin", "admin"));
  authorId = await createUser(db, "member");
});

// Each test has a board of its own, so the tests pass in any order.

const editCategories = (board: TestBoard, fields: Record<string, string>) =>
  callRoute(db, boardAdminAction, formPost(`/admin/boards/${board.slug}`, fields, adminCookie), {
    slug: board.slug,
  });

async function categoryId(board: TestBoard, slug: string) {
  return (await getBoardBySlug(db, board.slug))!.categories.find((c) => c.slug === slug)!.id;
}

/** Each notice on the board's list with the badge it wears (null: 공지). */
async function listedNotices(board: TestBoard) {
  const page = await callRoute(db, boardPage, pageGet(`/${board.slug}`), { board: board.slug });
  return payloadOf(page).list!.listing.notices.map((n) => [n.title, n.noticeBadge]);
}

describe("a category's notice badge", () => {
  it("is set by an admin in the category editor and worn by that category's notices on the list and /notices", async () => {
    const board = await createTestBoard(db, "sharing", [{ slug: "news", name: "뉴스" }]);
    const added = await editCategories(board, {
      intent: "add-category",
      slug: "giveaway",
      name: "나눔",
      position: "1",
      adminOnly: "1",
      noticeBadge: " 나눔행사 ",
    });
    expect(added.status).toBe(303);
    board.categoryIds.giveaway = await categoryId(board, "giveaway");
    await createTestPost(db, board, {
      authorId,
      title: "나눔 공지",
      category: "giveaway",
      notice: { scope: "board", order: 1 },
    });
    await createTestPost(db, board, {
      authorId,
      title: "뉴스 공지",
      category: "news",
      notice: { scope: "board", order: 2 },
    });

    expect(await listedNotices(board)).toEqual([
      ["나눔 공지", "나눔행사"],
      ["뉴스 공지", null],
    ]);
    const notices = payloadOf(await callRoute(db, noticesPage, pageGet("/notices")));
    expect(notices.boards.find((b) => b.slug === "sharing")?.notices.map((n) => n.noticeBadge)).toEqual([
      "나눔행사",
      null,
    ]);
    const editor = await callRoute(db, boardAdminPage, pageGet("/admin/boards/sharing", adminCookie), {
      slug: "sharing",
    });
    expect(payloadOf(editor).board.categories.find((c) => c.slug === "giveaway")?.noticeBadge).toBe("나눔행사");
  });

  it("can be given to an existing category, and goes back to 공지 when the admin empties it", async () => {
    const board = await createTestBoard(db, "breaking", [{ slug: "news", name: "뉴스" }]);
    await createTestPost(db, board, {
      authorId,
      title: "뉴스 공지",
      category: "news",
      notice: { scope: "board", order: 1 },
    });
    const saveNews = (noticeBadge: string) =>
      editCategories(board, {
        intent: "update-category",
        categoryId: String(board.categoryIds.news),
        slug: "news",
        name: "뉴스",
        position: "0",
        noticeBadge,
      });

    expect((await saveNews("속보")).status).toBe(303);
    expect(await listedNotices(board)).toEqual([["뉴스 공지", "속보"]]);
    expect((await saveNews("")).status).toBe(303);
    expect(await listedNotices(board)).toEqual([["뉴스 공지", null]]);
  });

  it("answers 400 with the form kept for a badge longer than 10 characters", async () => {
    const board = await createTestBoard(db, "longs");
    const refused = await editCategories(board, {
      intent: "add-category",
      slug: "long",
      name: "긴 배지",
      position: "2",
      noticeBadge: "가".repeat(11),
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ intent: "add-category", values: { noticeBadge: "가".repeat(11) } });
    expect(payloadOf(refused).fieldErrors.noticeBadge).toBe("공지 배지는 10자 이하여야 합니다.");
    expect((await getBoardBySlug(db, "longs"))!.categories).toEqual([]);
  });

  it("is refused by the database when empty or too long", async () => {
    const board = await createTestBoard(db, "checks");
    for (const noticeBadge of ["", "가".repeat(11)]) {
      await expect(
        db
          .insertInto("categories")
          .values({ board_id: board.id, slug: "bad", name: "x", notice_badge: noticeBadge })
          .execute(),
      ).rejects.toThrow(/check constraint/i);
    }
  });
});

describe("the notice badge migration", () => {
  // Its own database, taken back to before this migration, so the migration meets rows that already exist.
  const old = createTestDb();

  it("gives existing event categories the 이벤트 badge and leaves the others with 공지", async () => {
    await categoryNoticeBadge.down(old);
    const { id } = await old
      .insertInto("boards")
      .values({ slug: "square", name: "스퀘어", created_at: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await old
      .insertInto("categories")
      .values([
        { board_id: id, slug: "event", name: "이벤트", admin_only: 1 },
        { board_id: id, slug: "news", name: "뉴스", admin_only: 0 },
      ])
      .execute();
    await categoryNoticeBadge.up(old);
    expect(await old.selectFrom("categories").select(["slug", "notice_badge"]).orderBy("slug").execute()).toEqual([
      { slug: "event", notice_badge: "이벤트" },
      { slug: "news", notice_badge: null },
    ]);
  });
});
