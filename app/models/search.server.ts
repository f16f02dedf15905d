import { sql, type Kysely } from "kysely";
import { searchIndexOf } from "#db/search";
import type { Database } from "#db/types";
import { textOfHtml } from "~/lib/html-text.server";
import { highlight, parseSearchQuery, snippet } from "~/lib/search-text";
import { searchRefusal, type SearchAddress, type SearchScope } from "~/lib/search-url";
import type { SessionUser } from "~/auth/session.server";
import type { BoardWithCategories } from "./boards.server";
import { getReaderExclusions, listExcludableCategories } from "./exclusions.server";
import { blockedBy } from "./blocks.server";
import { isLive, POST_BOARD_COLUMNS, POST_ROW_COLUMNS } from "./post-queries.server";
import { POSTS_PER_PAGE } from "./posts.server";

// Searches read like the board list: live posts, newest first, a page at a time. Deep pages go by keyset (`before`,
// the last id shown), never OFFSET, and the total is counted only up to SEARCH_COUNT_CAP. Deleted and blinded posts
// and comments are left out here, when reading, so a row deleted or blinded after it was indexed is never found.

/** Counting stops here; the page then says "1,000+". */
export const SEARCH_COUNT_CAP = 1000;

export interface SearchOptions {
  /** Trimmed, 1 to 100 characters, with at least one letter or digit (searchQueryProblem). */
  query: string;
  scope: SearchScope;
  /** One board, or every board when undefined. */
  boardId?: number;
  categoryId?: number;
  /** The reader's excluded category slugs. */
  excludedSlugs: readonly string[];
  /** The reader, whose blocked authors are left out; null for a logged-out reader. */
  readerId: number | null;
  /** Keyset: only results older than this id (a post's, or a comment's for the comment scope). */
  before: number | null;
}

/**
 * What a query matches, as a derived table `hits(id, postId, commentBody)`: `id` orders the results and pages them
 * (a post's id, or the matching comment's for the comment scope). The index's hits lead the join (CROSS JOIN keeps
 * SQLite from reordering it), so rows arrive newest first straight from the index, without sorting every match.
 */
function hitsFor(db: Kysely<Database>, options: SearchOptions) {
  const terms = parseSearchQuery(options.query);
  const index = searchIndexOf(db);
  if (options.scope === "comment") {
    let comments = db
      .selectFrom(index.commentHits(terms))
      .crossJoin("comments")
      .whereRef("comments.id", "=", "hits.id")
      .where(isLive("comments"))
      .where("comments.blinded_at", "is", null);
    if (options.readerId !== null) {
      comments = comments.where("comments.author_id", "not in", blockedBy(db, options.readerId));
    }
    return comments.select(["hits.id", "comments.post_id as postId", "comments.body as commentBody"]).as("hits");
  }
  if (options.scope === "author") {
    // Never anonymous posts: the search would tell who wrote them (the board's own flag is checked below).
    return db
      .selectFrom("users")
      .innerJoin("posts", "posts.author_id", "users.id")
      .where("users.username", "=", options.query.toLowerCase())
      .where("posts.is_anonymous", "=", 0)
      .select(["posts.id", "posts.id as postId", sql<string | null>`null`.as("commentBody")])
      .as("hits");
  }
  return db
    .selectFrom(index.postHits(terms, options.scope))
    .select(["hits.id", "hits.id as postId", sql<string | null>`null`.as("commentBody")])
    .as("hits");
}

/** The matching live, unblinded posts on the boards, in the categories and by the authors the reader reads. */
function matchingPosts(db: Kysely<Database>, options: SearchOptions) {
  let query = db
    .selectFrom(hitsFor(db, options))
    .crossJoin("posts")
    .whereRef("posts.id", "=", "hits.postId")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .where(isLive("posts"))
    .where("posts.blinded_at", "is", null);
  if (options.scope === "author") query = query.where("boards.is_anonymous", "=", 0);
  if (options.boardId !== undefined) query = query.where("posts.board_id", "=", options.boardId);
  if (options.categoryId !== undefined) query = query.where("posts.category_id", "=", options.categoryId);
  const excluded = options.excludedSlugs;
  if (excluded.length > 0) {
    query = query.where((eb) => eb.or([eb("categories.slug", "is", null), eb("categories.slug", "not in", excluded)]));
  }
  if (options.readerId !== null) query = query.where("posts.author_id", "not in", blockedBy(db, options.readerId));
  return query;
}

/**
 * A result as the page shows it: the title and a short snippet of the matching comment (comment scope) or of the
 * body, cut into pieces with the matched words marked; the whole body never leaves the server. An author search
 * marks nothing, since its query is a username.
 */
function presentResult<
  Row extends { key: number | string; bodyHtml: string; commentBody: string | null; title: string },
>(row: Row, options: SearchOptions) {
  const { key, bodyHtml, commentBody, ...rest } = row;
  const marks = options.scope === "author" ? "" : options.query;
  return {
    ...rest,
    key: Number(key),
    titlePieces: highlight(row.title, marks),
    snippet: snippet(commentBody ?? textOfHtml(bodyHtml), marks),
    snippetIsComment: commentBody !== null,
  };
}

/**
 * One page of results, the capped total, and where the next page starts (null on the last). The matching ids are
 * read first, unordered, up to one more than the cap: that is the count, and when it is under the cap it is every
 * match, so the page is picked from those ids. Only a query with more matches reads its page in id order from the
 * index, which stops early because matches are many. Neither engine's planner can tell in advance a rare combination
 * of frequent words (`국회 환율 AI`) from a frequent one; this way neither walks the whole index for a few matches.
 */
export async function searchPosts(db: Kysely<Database>, options: SearchOptions) {
  const matching = matchingPosts(db, options);
  const matched = await matching
    .select(["hits.id as key", "hits.postId"])
    .limit(SEARCH_COUNT_CAP + 1)
    .execute();
  const total = matched.length;
  let onPage = options.before === null ? matching : matching.where("hits.id", "<", options.before);
  if (total <= SEARCH_COUNT_CAP) {
    // Every match is known: the page is the newest of them, found again by their posts and the span of their ids
    // (FTS5 would answer an IN list on its rowid once per value, not once).
    const page = matched
      .map((row) => ({ key: Number(row.key), postId: Number(row.postId) }))
      .filter(({ key }) => options.before === null || key < options.before)
      .sort((a, b) => b.key - a.key)
      .slice(0, POSTS_PER_PAGE + 1);
    if (page.length === 0) return { results: [], total, totalCapped: false, nextBefore: null };
    onPage = onPage
      .where("hits.id", ">=", page[page.length - 1].key)
      .where("hits.id", "<=", page[0].key)
      .where("posts.id", "in", [...new Set(page.map((row) => row.postId))]);
  }
  const rows = await onPage
    .select([
      "hits.id as key",
      "hits.commentBody",
      ...POST_ROW_COLUMNS,
      ...POST_BOARD_COLUMNS,
      "posts.body_html as bodyHtml",
    ])
    .orderBy("hits.id", "desc")
    .limit(POSTS_PER_PAGE + 1)
    .execute();
  const results = rows.slice(0, POSTS_PER_PAGE).map((row) => presentResult(row, options));
  return {
    results,
    total: Math.min(total, SEARCH_COUNT_CAP),
    totalCapped: total > SEARCH_COUNT_CAP,
    nextBefore: rows.length > POSTS_PER_PAGE ? results[results.length - 1].key : null,
  };
}

export type SearchPage = Awaited<ReturnType<typeof searchPosts>>;

/** The excluded categories by name, for the notice above the results: the board's, or every board's. */
async function namedCategories(db: Kysely<Database>, board: BoardWithCategories | null, slugs: string[]) {
  if (slugs.length === 0) return [];
  const categories = board ? board.categories : await listExcludableCategories(db);
  return categories.filter((c) => slugs.includes(c.slug)).map((c) => ({ slug: c.slug, name: c.name }));
}

/** Where a reader searches: one board (with its category tab, if any) or, without a board, every board. */
export interface SearchPlace {
  board: BoardWithCategories | null;
  categorySlug: string | null;
}

/**
 * The search a request's address asks for, as this reader sees it: their excluded categories (unless a category tab
 * is chosen, as on the list) and blocked authors left out. A query that cannot run comes back with the refusal the
 * page shows instead of results.
 */
export async function searchForReader(
  db: Kysely<Database>,
  request: Request,
  address: SearchAddress,
  reader: { user: SessionUser | null },
  place: SearchPlace,
) {
  const refusal = searchRefusal(address, place.board);
  if (refusal) return { refusal, page: null };
  const category = place.board?.categories.find((c) => c.slug === place.categorySlug);
  const excludedSlugs = category ? [] : await getReaderExclusions(db, request, reader.user);
  const page = await searchPosts(db, {
    query: address.query.trim(),
    scope: address.scope,
    boardId: place.board?.id,
    categoryId: category?.id,
    excludedSlugs,
    readerId: reader.user?.id ?? null,
    before: address.before,
  });
  return {
    refusal: null,
    page: { ...page, excludedCategories: await namedCategories(db, place.board, excludedSlugs) },
  };
}
