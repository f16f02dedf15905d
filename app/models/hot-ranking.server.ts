import type { Kysely, Transaction } from "kysely";
import { withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import { rankHotPosts } from "~/lib/hot-score";
import { isLive } from "./post-queries.server";

/** Only posts this young are ranked. */
export const HOT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Each board's hottest posts kept in the ranking: what /<board>/hot can show, and what wears the HOT mark. */
export const HOT_POSTS_PER_BOARD = 100;
/** Rows per insert: well under either engine's limit on bound parameters. */
const INSERT_BATCH = 500;

export interface RefreshOptions {
  now?: number;
  /**
   * Skip the work when the ranking was replaced less than this long ago (by this server or another): with several
   * app servers each running the job, one replacement a period is enough.
   */
  minIntervalMs?: number;
}

/**
 * Replaces the stored HOT ranking with one computed from the last 24 hours' live, unblinded, non-notice posts.
 * Cheap however large the board: it reads only the posts of the window, through posts_created, and reads and
 * scores them before its write transaction, so SQLite's one write lock is held only for the replacement itself.
 * That transaction claims the hot_ranking row first, then swaps the rows: readers see the old ranking or the new
 * one, never a mix, and concurrent replacements from several servers queue behind each other (and skip, within
 * minIntervalMs) instead of colliding on the ranking's keys.
 */
export async function refreshHotRanking(
  db: Kysely<Database>,
  { now = Date.now(), minIntervalMs = 0 }: RefreshOptions = {},
): Promise<"replaced" | "fresh"> {
  // Checked again by the claim; this read only spares the work when another server has just done it.
  const computedAt = minIntervalMs > 0 ? await hotRankingComputedAt(db) : null;
  if (computedAt !== null && !isStale(computedAt, now, minIntervalMs)) return "fresh";
  const candidates = await db
    .selectFrom("posts")
    .select([
      "id",
      "board_id as boardId",
      "view_count as viewCount",
      "comment_count as commentCount",
      "scrap_count as scrapCount",
      "created_at as createdAt",
    ])
    .where("created_at", ">=", now - HOT_WINDOW_MS)
    .where(isLive("posts"))
    .where("blinded_at", "is", null)
    .where("notice_scope", "=", "none")
    .execute();
  const ranking = rankHotPosts(candidates, now, HOT_POSTS_PER_BOARD);
  return withTransaction(db, async (trx) => {
    if (!(await claimRefresh(trx, now, minIntervalMs))) return "fresh";
    await trx.deleteFrom("hot_posts").execute();
    for (let start = 0; start < ranking.length; start += INSERT_BATCH) {
      await trx
        .insertInto("hot_posts")
        .values(
          ranking.slice(start, start + INSERT_BATCH).map(({ post, score, place }) => ({
            post_id: post.id,
            board_id: post.boardId,
            place,
            score,
          })),
        )
        .execute();
    }
    return "replaced";
  });
}

/**
 * Whether a ranking replaced at `computedAt` may be replaced now. A stamp more than a period ahead comes from a
 * clock that runs ahead, and must not stop the others for good; one a little ahead is a run that read later than
 * this one, which must not be overwritten with older counts.
 */
function isStale(computedAt: number, now: number, minIntervalMs: number): boolean {
  return computedAt <= now - minIntervalMs || computedAt > now + minIntervalMs;
}

/** Marks the ranking as replaced now; false when another run did so less than minIntervalMs ago. */
async function claimRefresh(trx: Transaction<Database>, now: number, minIntervalMs: number): Promise<boolean> {
  const result = await trx
    .insertInto("hot_ranking")
    .values({ id: 1, computed_at: now })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ computed_at: now })
        // The same test as isStale, made again under the row's lock.
        .where((eb) =>
          eb.or([
            eb("hot_ranking.computed_at", "<=", now - minIntervalMs),
            eb("hot_ranking.computed_at", ">", now + minIntervalMs),
          ]),
        ),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** When the ranking was last replaced; null before the first run. */
export async function hotRankingComputedAt(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom("hot_ranking").select("computed_at").where("id", "=", 1).executeTakeFirst();
  return row ? Number(row.computed_at) : null;
}

/** Whether the post is in the ranking now: one primary-key lookup, for the HOT mark on its page. */
export async function isHotPost(db: Kysely<Database>, postId: number): Promise<boolean> {
  const row = await db.selectFrom("hot_posts").select("post_id").where("post_id", "=", postId).executeTakeFirst();
  return row !== undefined;
}
