import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { parsePageNumber } from "~/lib/list-url";
import { readBlockedAuthorIds } from "./blocks.server";
import { describeExcludedCategories, getReaderExclusions } from "./exclusions.server";
import { isLive, POST_BOARD_COLUMNS, POST_ROW_COLUMNS } from "./post-queries.server";

export const HOT_POSTS_PER_PAGE = 20;
/** The front page's HOT section. */
export const FRONT_PAGE_HOT_COUNT = 10;

export interface HotListQuery {
  /** One board's part of the ranking (/<board>/hot); absent for /hot. */
  boardId?: number;
  page: number;
  limit?: number;
  /** The reader's excluded category slugs (getReaderExclusions). */
  excludedSlugs: readonly string[];
  /** Authors the reader blocked (readBlockedAuthorIds). */
  hiddenAuthorIds: ReadonlySet<number>;
}

/**
 * Ranked posts still live and unblinded, in ranking order: the ranking is a minute old at most, and a post deleted or
 * blinded since must leave it at once.
 */
export function rankedPosts(db: Kysely<Database>, boardId?: number) {
  // CROSS JOIN keeps the ranking the outer loop on SQLite, whose planner would otherwise walk every live post to
  // count the few ranked ones; PostgreSQL plans it as the inner join it is.
  let query = db
    .selectFrom("hot_posts")
    .crossJoin("posts")
    .whereRef("posts.id", "=", "hot_posts.post_id")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .where(isLive("posts"))
    .where("posts.blinded_at", "is", null);
  if (boardId !== undefined) query = query.where("hot_posts.board_id", "=", boardId);
  return query;
}

/**
 * One page of the HOT ranking as this reader sees it: without their excluded categories and the posts of authors they
 * blocked, counted after both (the ranking is at most HOT_POSTS_PER_BOARD a board, so counting it is cheap).
 */
export async function listHotPosts(db: Kysely<Database>, query: HotListQuery) {
  const limit = query.limit ?? HOT_POSTS_PER_PAGE;
  let base = rankedPosts(db, query.boardId);
  if (query.excludedSlugs.length > 0) {
    const excluded = [...query.excludedSlugs];
    base = base.where((eb) => eb.or([eb("categories.slug", "is", null), eb("categories.slug", "not in", excluded)]));
  }
  if (query.hiddenAuthorIds.size > 0) base = base.where("posts.author_id", "not in", [...query.hiddenAuthorIds]);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(Number(total) / limit));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const posts = await base
    .select([...POST_ROW_COLUMNS, ...POST_BOARD_COLUMNS])
    .orderBy("hot_posts.place")
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  return { posts, page, pageCount, firstPlace: (page - 1) * limit + 1 };
}

/**
 * A page of HOT (/hot, or one board's /<board>/hot) as this reader sees it: `?page=` read leniently and clamped to
 * the pages there are, their excluded categories and blocked authors left out.
 */
export async function getHotListForReader(
  db: Kysely<Database>,
  request: Request,
  reader: { id: number } | null,
  boardId?: number,
) {
  const page = parsePageNumber(new URL(request.url).searchParams.get("page"));
  const [excludedSlugs, hiddenAuthorIds] = await Promise.all([
    getReaderExclusions(db, request, reader),
    readBlockedAuthorIds(db, reader),
  ]);
  const [list, excludedCategories] = await Promise.all([
    listHotPosts(db, { boardId, page, excludedSlugs, hiddenAuthorIds }),
    describeExcludedCategories(db, excludedSlugs),
  ]);
  return { ...list, excludedCategories, now: Date.now() };
}
