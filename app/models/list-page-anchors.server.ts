import { sql, type Kysely } from "kysely";
import type { Database } from "#db/types";
import { isLive } from "./post-queries.server";

/**
 * Where page N of a board list starts, without OFFSET over the rows before it.
 *
 * Lists are live posts, newest (highest id) first. Page N's first row is the one with `liveCount - 1 - (N-1)*perPage`
 * live posts older than it. Counted from the oldest post, positions do not move when new posts arrive, so each process
 * remembers an anchor every ANCHOR_SPAN positions (the id found there) and reaches any page with one short index
 * scan from the nearest anchor. The anchors are found again when `boards.rank_version` changes (markBoardChanged with
 * ranksShifted): a post deleted, restored or moved to another category shifts the positions of the posts after it.
 */

export const ANCHOR_SPAN = 500;

export interface PostList {
  boardId: number;
  categoryId?: number;
}

interface Anchors {
  rankVersion: number;
  /** ids[k] is the id of the live post with k * ANCHOR_SPAN live posts older than it. */
  ids: number[];
}

const anchorsByList = new Map<string, Anchors>();

/**
 * The id of the newest post on `page` (apply it as `posts.id <= bound`, newest first, limit perPage), or null when the
 * page lies beyond the list's end. `liveCount` is the list's counter (board or category post_count).
 */
export async function findPageStart(
  db: Kysely<Database>,
  list: PostList,
  liveCount: number,
  page: number,
  perPage: number,
): Promise<number | null> {
  const newerCount = (page - 1) * perPage;
  if (newerCount >= liveCount) return null;
  if (newerCount < ANCHOR_SPAN) return nthLiveId(db, list, "desc", newerCount);
  const olderCount = liveCount - 1 - newerCount;
  const k = Math.floor(olderCount / ANCHOR_SPAN);
  const anchorId = await anchorAt(db, list, k);
  if (anchorId === null) return nthLiveId(db, list, "desc", newerCount);
  return nthLiveId(db, list, "asc", olderCount - k * ANCHOR_SPAN, anchorId);
}

/** The id of the live post `skip` rows from the newest (desc) or from `fromId` upwards (asc). */
async function nthLiveId(
  db: Kysely<Database>,
  list: PostList,
  direction: "asc" | "desc",
  skip: number,
  fromId?: number,
): Promise<number | null> {
  let query = db.selectFrom("posts").select("id").where("board_id", "=", list.boardId).where(isLive("posts"));
  if (list.categoryId !== undefined) query = query.where("category_id", "=", list.categoryId);
  if (fromId !== undefined) query = query.where("id", ">=", fromId);
  const row = await query.orderBy("id", direction).limit(1).offset(skip).executeTakeFirst();
  return row?.id ?? null;
}

async function anchorAt(db: Kysely<Database>, list: PostList, k: number): Promise<number | null> {
  const key = `${list.boardId}:${list.categoryId ?? ""}`;
  const board = await db.selectFrom("boards").select("rank_version").where("id", "=", list.boardId).executeTakeFirst();
  if (!board) return null;
  let anchors = anchorsByList.get(key);
  if (!anchors || anchors.rankVersion !== board.rank_version) {
    anchors = { rankVersion: board.rank_version, ids: [] };
    anchorsByList.set(key, anchors);
  }
  if (anchors.ids.length > k) return anchors.ids[k];
  const ids = await extendAnchors(db, list, anchors.ids, k);
  // A concurrent request may have extended the same anchors meanwhile; keep the longer list.
  if (ids.length > anchors.ids.length) anchors.ids = ids;
  return ids[k] ?? null;
}

/**
 * `known` followed by the anchors up to index k, found in one query (one round trip, however deep the page) that
 * numbers the live posts from the last known anchor upwards and keeps every ANCHOR_SPAN-th.
 */
async function extendAnchors(db: Kysely<Database>, list: PostList, known: number[], k: number): Promise<number[]> {
  const from = known.at(-1);
  const wanted = k + 1 - known.length;
  // From a known anchor, that anchor is row 1 and the new ones follow it; from the start, row 1 is the first anchor.
  const rowCount = (from === undefined ? wanted - 1 : wanted) * ANCHOR_SPAN + 1;
  let span = db.selectFrom("posts").select("id").where("board_id", "=", list.boardId).where(isLive("posts"));
  if (list.categoryId !== undefined) span = span.where("category_id", "=", list.categoryId);
  const rows = await db
    .selectFrom(
      db
        .selectFrom(
          span
            .where("id", ">=", from ?? 0)
            .orderBy("id", "asc")
            .limit(rowCount)
            .as("span"),
        )
        .select(["span.id", sql<number>`row_number() over (order by span.id)`.as("position")])
        .as("numbered"),
    )
    .select("numbered.id")
    .where(sql<number>`(numbered.position - 1) % ${sql.lit(ANCHOR_SPAN)}`, "=", 0)
    .orderBy("numbered.id", "asc")
    .execute();
  const found = rows.map((row) => row.id);
  return [...known, ...(from === undefined ? found : found.slice(1))];
}
