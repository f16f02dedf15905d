import type { Kysely } from "kysely";
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
  // Extended on a copy: a concurrent request may be extending the same list between the awaits.
  const ids = [...anchors.ids];
  while (ids.length <= k) {
    const previous = ids.at(-1);
    const next = await nthLiveId(db, list, "asc", previous === undefined ? 0 : ANCHOR_SPAN, previous ?? 0);
    if (next === null) return null;
    ids.push(next);
  }
  if (ids.length > anchors.ids.length) anchors.ids = ids;
  return ids[k];
}
