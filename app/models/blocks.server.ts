import type { Kysely, Transaction } from "kysely";
import { lockedForUpdate, withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import { excerpt } from "~/lib/format";
import { isLive } from "./post-queries.server";

/** How many members one member may block. */
export const BLOCK_LIMIT = 1000;
export const BLOCKS_PER_PAGE = 50;

const SNAPSHOT_MAX_CHARACTERS = 60;

/** No one's ids: what lists and comments get for logged-out readers and members who blocked no one. */
const NO_BLOCKS: ReadonlySet<number> = new Set();

/**
 * The authors this member blocked, read once per request (one index seek, at most BLOCK_LIMIT ids) and handed to
 * every list and comment query of the page, which leave out or collapse their items. Never sent to the browser.
 */
export async function readBlockedAuthorIds(
  db: Kysely<Database>,
  reader: { id: number } | null,
): Promise<ReadonlySet<number>> {
  if (!reader) return NO_BLOCKS;
  const rows = await blockedBy(db, reader.id).execute();
  return rows.length === 0 ? NO_BLOCKS : new Set(rows.map((row) => row.blocked_id));
}

/**
 * The ids this member blocked, as a subquery for lists that count and page in SQL (the scraps), where leaving rows
 * out after the page was found would leave the count wrong.
 */
export function blockedBy(db: Kysely<Database>, blockerId: number) {
  return db.selectFrom("blocks").select("blocks.blocked_id").where("blocks.blocker_id", "=", blockerId);
}

/** Where a block is made from: a post, or one of its comments. */
export interface BlockSource {
  postId: number;
  commentId: number | null;
}

export type BlockOutcome = "blocked" | "not-found" | "self" | "limit";

/** The live item's author, whether it hid that author (its own flag), and the words the block list names it by. */
async function findBlockSource(trx: Transaction<Database>, { postId, commentId }: BlockSource) {
  const post = trx.selectFrom("posts").where("posts.id", "=", postId).where(isLive("posts"));
  if (commentId === null) {
    const row = await post
      .select(["posts.author_id as authorId", "posts.title as text", "posts.is_anonymous as isAnonymous"])
      .executeTakeFirst();
    return row ?? null;
  }
  const row = await post
    .innerJoin("comments", "comments.post_id", "posts.id")
    .select(["comments.author_id as authorId", "comments.body as text", "comments.is_anonymous as isAnonymous"])
    .where("comments.id", "=", commentId)
    .where(isLive("comments"))
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Blocks the author of a live post or comment for this member. Blocking someone already blocked changes nothing and
 * answers "blocked". The member's row is locked first, so that concurrent blocks are counted one after the other
 * and the limit holds. The blocked member is told nothing.
 */
export async function blockAuthor(
  db: Kysely<Database>,
  blockerId: number,
  source: BlockSource,
  now = Date.now(),
): Promise<BlockOutcome> {
  return withTransaction(db, async (trx) => {
    await lockedForUpdate(trx, trx.selectFrom("users").select("id").where("id", "=", blockerId)).execute();
    const item = await findBlockSource(trx, source);
    if (!item) return "not-found";
    if (item.authorId === blockerId) return "self";
    const blocks = trx.selectFrom("blocks").where("blocker_id", "=", blockerId);
    const existing = await blocks.select("id").where("blocked_id", "=", item.authorId).executeTakeFirst();
    if (existing) return "blocked";
    const { n } = await blocks.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    if (Number(n) >= BLOCK_LIMIT) return "limit";
    await trx
      .insertInto("blocks")
      .values({
        blocker_id: blockerId,
        blocked_id: item.authorId,
        post_id: source.postId,
        comment_id: source.commentId,
        is_anonymous: item.isAnonymous,
        snapshot: excerpt(item.text, SNAPSHOT_MAX_CHARACTERS) || "…",
        created_at: now,
      })
      .execute();
    return "blocked";
  });
}

/** Removes one of the member's blocks; false when they have no block with that id. */
export async function removeBlock(db: Kysely<Database>, blockerId: number, blockId: number): Promise<boolean> {
  const result = await db
    .deleteFrom("blocks")
    .where("id", "=", blockId)
    .where("blocker_id", "=", blockerId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * One page of the member's blocks, newest first, each named by the item it was made from. The blocked member's
 * username is read only for blocks made on items that showed it, so an anonymous author's name and id never leave
 * the database.
 */
export async function listBlocks(db: Kysely<Database>, blockerId: number, page: number) {
  const mine = db.selectFrom("blocks").where("blocks.blocker_id", "=", blockerId);
  const { total } = await mine.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const pageCount = Math.max(1, Math.ceil(Number(total) / BLOCKS_PER_PAGE));
  const shownPage = Math.min(Math.max(1, page), pageCount);
  const rows = await mine
    .innerJoin("posts", "posts.id", "blocks.post_id")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .innerJoin("users", "users.id", "blocks.blocked_id")
    .select((eb) => [
      "blocks.id",
      "blocks.post_id as postId",
      "blocks.comment_id as commentId",
      "blocks.snapshot",
      "blocks.created_at as createdAt",
      "boards.slug as boardSlug",
      "boards.name as boardName",
      "posts.deleted_at as postDeletedAt",
      eb.case().when("blocks.is_anonymous", "=", 0).then(eb.ref("users.username")).else(null).end().as("username"),
    ])
    .orderBy("blocks.id", "desc")
    .limit(BLOCKS_PER_PAGE)
    .offset((shownPage - 1) * BLOCKS_PER_PAGE)
    .execute();
  const blocks = rows.map(({ postDeletedAt, ...row }) => ({ ...row, postDeleted: postDeletedAt !== null }));
  return { blocks, total: Number(total), page: shownPage, pageCount };
}
