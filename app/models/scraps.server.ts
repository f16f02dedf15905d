import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "#db/types";
import { idField } from "~/lib/form-submission.server";
import { characterCount } from "~/lib/forms";
import { stripInvisibleCharacters } from "~/lib/invisible-characters";
import { SCRAP_MEMO_MAX_LENGTH } from "~/lib/input-limits";
import { blockedBy } from "./blocks.server";
import { presentListedPost } from "./blinding";
import { isAdmin, type Actor } from "./permissions";
import { isLive, POST_BOARD_COLUMNS, selectPostsWithPlace } from "./post-queries.server";

export const SCRAPS_PER_PAGE = 20;

const scrappedPostId = idField("올바른 글 번호가 아닙니다.");

/** The scrap list's forms: a memo saved (spaces folded and invisible characters dropped, as it shows on one line) or a scrap removed. */
export const scrapFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("memo"),
    postId: scrappedPostId,
    memo: z
      .string()
      .transform((memo) => stripInvisibleCharacters(memo).replace(/\s+/g, " ").trim())
      .refine(
        (memo) => characterCount(memo) <= SCRAP_MEMO_MAX_LENGTH,
        `메모는 ${SCRAP_MEMO_MAX_LENGTH}자까지 쓸 수 있습니다.`,
      ),
  }),
  z.object({ intent: z.literal("remove"), postId: scrappedPostId }),
]);

async function scrapCountOf(db: Kysely<Database>, postId: number, { liveOnly = false } = {}) {
  let query = db.selectFrom("posts").select("scrap_count").where("id", "=", postId);
  if (liveOnly) query = query.where(isLive("posts"));
  const post = await query.executeTakeFirst();
  return post ? { scrapCount: post.scrap_count } : null;
}

/**
 * Scraps a live post for the user; scrapping twice keeps one scrap. The counter moves only when a row was really
 * inserted, in the same transaction, so it always equals the stored scraps. Null when the post is missing or deleted.
 */
export async function addScrap(db: Kysely<Database>, userId: number, postId: number, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    // Writing first (insert … select) takes SQLite's write lock before any read, so concurrent processes queue
    // for it (db/sqlite.ts) instead of failing to upgrade a read transaction.
    const inserted = await trx
      .insertInto("scraps")
      .columns(["user_id", "post_id", "created_at"])
      .expression(
        trx
          .selectFrom("posts")
          .select((eb) => [eb.val(userId).as("user_id"), "id", eb.val(now).as("created_at")])
          .where("id", "=", postId)
          .where(isLive("posts")),
      )
      .onConflict((oc) => oc.columns(["user_id", "post_id"]).doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) {
      await trx
        .updateTable("posts")
        .set((eb) => ({ scrap_count: eb("scrap_count", "+", 1) }))
        .where("id", "=", postId)
        .execute();
    }
    return scrapCountOf(trx, postId, { liveOnly: true });
  });
}

/**
 * Removes the user's scrap; removing twice is harmless. Works on deleted posts too, so a scrap list can drop them.
 * Null when no such post exists.
 */
export async function removeScrap(db: Kysely<Database>, userId: number, postId: number) {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("scraps")
      .where("user_id", "=", userId)
      .where("post_id", "=", postId)
      .executeTakeFirst();
    if (deleted.numDeletedRows > 0n) {
      await trx
        .updateTable("posts")
        .set((eb) => ({ scrap_count: eb("scrap_count", "-", 1) }))
        .where("id", "=", postId)
        .execute();
    }
    return scrapCountOf(trx, postId);
  });
}

export async function hasScrapped(db: Kysely<Database>, userId: number, postId: number): Promise<boolean> {
  const row = await db
    .selectFrom("scraps")
    .select("post_id")
    .where("user_id", "=", userId)
    .where("post_id", "=", postId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sets the memo on the user's own scrap; false when the user has no scrap of that post. */
export async function updateScrapMemo(db: Kysely<Database>, userId: number, postId: number, memo: string) {
  const result = await db
    .updateTable("scraps")
    .set({ memo })
    .where("user_id", "=", userId)
    .where("post_id", "=", postId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface ScrapListQuery {
  /** Part of a title, matched literally; empty means every scrap. */
  titleQuery: string;
  page: number;
}

// LIKE treats % and _ as wildcards; the search is for the text as typed.
function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the member's scraps, newest scrap first; scraps of deleted posts stay, marked by postDeletedAt, and
 * blinded titles are replaced as in every list. Posts by authors the member blocked leave the list (and its count)
 * until the block is undone; the scraps themselves stay.
 */
export async function listScraps(db: Kysely<Database>, member: Actor, query: ScrapListQuery) {
  let base = selectPostsWithPlace(db)
    .innerJoin("scraps", "scraps.post_id", "posts.id")
    .where("scraps.user_id", "=", member.id)
    .where("posts.author_id", "not in", blockedBy(db, member.id));
  // lower() on both sides: LIKE ignores ASCII case on SQLite but not on PostgreSQL.
  if (query.titleQuery) {
    base = base.where(sql<boolean>`lower(posts.title) like lower(${likeContaining(query.titleQuery)}) escape '\\'`);
    // A blinded title, which the list does not show, must not be found by searching for it either.
    if (!isAdmin(member))
      base = base.where((eb) => eb.or([eb("posts.blinded_at", "is", null), eb("posts.author_id", "=", member.id)]));
  }

  // One member's scraps are few enough that counting them is cheaper than keeping a counter in step.
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(Number(total) / SCRAPS_PER_PAGE));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const scraps = await base
    .select([
      "scraps.post_id as postId",
      "scraps.memo",
      "scraps.created_at as scrappedAt",
      "posts.title",
      "posts.author_id as authorId",
      "posts.blinded_at as blindedAt",
      "posts.comment_count as commentCount",
      "posts.created_at as postCreatedAt",
      "posts.deleted_at as postDeletedAt",
      ...POST_BOARD_COLUMNS,
      "categories.name as categoryName",
    ])
    .orderBy("scraps.created_at", "desc")
    .orderBy("scraps.post_id", "desc")
    .limit(SCRAPS_PER_PAGE)
    .offset((page - 1) * SCRAPS_PER_PAGE)
    .execute();
  return {
    scraps: scraps.map((scrap) => presentListedPost(scrap, member)),
    total: Number(total),
    page,
    pageCount,
  };
}
