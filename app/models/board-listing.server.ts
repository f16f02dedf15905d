import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { listBoards, type BoardWithCategories } from "./boards.server";
import type { SessionUser } from "~/auth/session.server";
import { parsePageNumber } from "~/lib/list-url";
import { categoriesBySlug, getReaderExclusions } from "./exclusions.server";
import { listBoardNotices } from "./notices.server";
import type { Actor } from "./permissions";
import { listBoardPosts, POSTS_PER_PAGE } from "./posts.server";

/** Notices shown before the "모든 공지 확인하기" control expands the rest. */
const COLLAPSED_NOTICE_COUNT = 5;

export interface BoardListingQuery {
  categorySlug: string | null;
  page: number;
  showAllNotices: boolean;
  excludedSlugs?: string[];
  /** Authors the reader blocked: their posts leave the page (notices stay: see README, Moderation). */
  hiddenAuthorIds?: ReadonlySet<number>;
  /** Who reads the list (null: a logged-out reader); decides whether blinded titles show. */
  reader?: Actor | null;
}

/** Everything a board's list shows: its notices on top and one page of posts, with totals from the counters. */
export async function getBoardListing(db: Kysely<Database>, board: BoardWithCategories, query: BoardListingQuery) {
  const category = query.categorySlug ? board.categories.find((c) => c.slug === query.categorySlug) : undefined;
  const excluded = category ? [] : board.categories.filter((c) => query.excludedSlugs?.includes(c.slug));
  const total = category ? category.postCount : board.postCount - excluded.reduce((sum, c) => sum + c.postCount, 0);
  const pageCount = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const [notices, { posts, hiddenCount }] = await Promise.all([
    listBoardNotices(db, board.id, query.reader),
    listBoardPosts(db, {
      reader: query.reader,
      boardId: board.id,
      categoryId: category?.id,
      excludeCategoryIds: excluded.map((c) => c.id),
      page,
      liveCount: total,
      hiddenAuthorIds: query.hiddenAuthorIds,
    }),
  ]);
  const visibleNotices = query.showAllNotices ? notices : notices.slice(0, COLLAPSED_NOTICE_COUNT);
  return {
    category: category ? { slug: category.slug, name: category.name } : null,
    excludedCategories: excluded.map((c) => ({ slug: c.slug, name: c.name })),
    notices: visibleNotices,
    noticeTotal: notices.length,
    posts,
    hiddenCount,
    page,
    pageCount,
  };
}

/**
 * A board's list as this reader sees it: the request's page and category, the categories they exclude, and without
 * the authors they blocked (read once by the caller, who may need them for comments too).
 */
export async function getBoardListForReader(
  db: Kysely<Database>,
  board: BoardWithCategories,
  request: Request,
  reader: { user: SessionUser | null; blockedAuthorIds: ReadonlySet<number> },
) {
  const query = parseBoardListingQuery(new URL(request.url).searchParams);
  const excludedSlugs = await getReaderExclusions(db, request, reader.user);
  return {
    boardSlug: board.slug,
    categories: board.categories.map((c) => ({ slug: c.slug, name: c.name })),
    listing: await getBoardListing(db, board, {
      ...query,
      excludedSlugs,
      hiddenAuthorIds: reader.blockedAuthorIds,
      reader: reader.user,
    }),
    showAllNotices: query.showAllNotices,
    now: Date.now(),
  };
}

/** Reads `?category=`, `?page=` and `?notices=all` leniently: a malformed page number means the first page. */
export function parseBoardListingQuery(searchParams: URLSearchParams): BoardListingQuery {
  return {
    categorySlug: searchParams.get("category") || null,
    page: parsePageNumber(searchParams.get("page")),
    showAllNotices: searchParams.get("notices") === "all",
  };
}

/** Posts per board on the front page's board index. */
const BOARD_INDEX_POST_COUNT = 5;

/**
 * The front page: every board in menu order with its newest posts, minus the reader's excluded categories and the
 * posts of authors they blocked.
 */
export async function getBoardIndex(
  db: Kysely<Database>,
  excludedSlugs: string[],
  hiddenAuthorIds?: ReadonlySet<number>,
  reader: Actor | null = null,
) {
  const [boards, excluded] = await Promise.all([
    listBoards(db),
    excludedSlugs.length === 0
      ? []
      : db
          .selectFrom("categories")
          .innerJoin("boards", "boards.id", "categories.board_id")
          .select(["categories.id", "categories.board_id", "categories.slug", "categories.name"])
          .where("categories.slug", "in", excludedSlugs)
          .orderBy("boards.position")
          .orderBy("boards.id")
          .execute(),
  ]);
  const boardsWithPosts = await Promise.all(
    boards.map(async (board) => {
      const { posts } = await listBoardPosts(db, {
        boardId: board.id,
        excludeCategoryIds: excluded.filter((c) => c.board_id === board.id).map((c) => c.id),
        page: 1,
        liveCount: board.postCount,
        limit: BOARD_INDEX_POST_COUNT,
        hiddenAuthorIds,
        reader,
      });
      return { slug: board.slug, name: board.name, description: board.description, posts };
    }),
  );
  return { boards: boardsWithPosts, excludedCategories: categoriesBySlug(excluded) };
}
