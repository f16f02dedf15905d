import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { hotRankingComputedAt } from "./hot-ranking.server";

/**
 * Every board carries `list_version`, bumped by any write that changes what its list or one of its post pages shows,
 * so a copy of a list or post page (app/server/list-page-cache.server.ts) can tell at once that it is stale; `rank_version` moves only when older
 * posts change position, which is what the list-page anchors (list-page-anchors.server.ts) depend on.
 */

/**
 * Call in the same transaction as any write that changes what a board's list or one of its post pages shows (a post,
 * its comments, their blinding, notices); `boardId` null means every board.
 */
export async function markBoardChanged(
  db: Kysely<Database>,
  boardId: number | null,
  { ranksShifted = false }: { ranksShifted?: boolean } = {},
): Promise<void> {
  let query = db.updateTable("boards").set((eb) => ({
    list_version: eb("list_version", "+", 1),
    ...(ranksShifted ? { rank_version: eb("rank_version", "+", 1) } : {}),
  }));
  if (boardId !== null) query = query.where("id", "=", boardId);
  await query.execute();
}

/** The board's current list version, or null when no board has this slug. */
export async function getListVersion(db: Kysely<Database>, boardSlug: string): Promise<number | null> {
  const board = await db.selectFrom("boards").select("list_version").where("slug", "=", boardSlug).executeTakeFirst();
  return board?.list_version ?? null;
}

/**
 * What a logged-out reader's post page depends on beyond its address: its board's list version, which every change
 * to the post, its comments (blinding included), the board's list under it and notices moves, and the time of the
 * HOT ranking, for the page's HOT mark. Null when no board has this slug.
 */
export async function getPostPageVersion(db: Kysely<Database>, boardSlug: string): Promise<string | null> {
  const [listVersion, ranking] = await Promise.all([getListVersion(db, boardSlug), hotRankingComputedAt(db)]);
  return listVersion === null ? null : `post:${listVersion}:${ranking ?? 0}`;
}

/**
 * What HOT's pages and feed depend on: the ranking, replaced at least once a minute, and the posts in it, which any board's
 * write may change (a deletion, a blinding): so the time of the ranking with the sum of every board's list version.
 */
export async function getHotListVersion(db: Kysely<Database>): Promise<string> {
  const [boards, ranking] = await Promise.all([
    db
      .selectFrom("boards")
      .select((eb) => eb.fn.sum<number>("list_version").as("total"))
      .executeTakeFirst(),
    hotRankingComputedAt(db),
  ]);
  return `hot:${boards?.total ?? 0}:${ranking ?? 0}`;
}
