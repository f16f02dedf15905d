import type { Kysely, Transaction } from "kysely";
import { lockedForUpdate, withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import { renderPost, uploadHashesIn } from "~/lib/markdown.server";
import { recordAdminAction } from "./admin-log.server";
import { presentListedPost } from "./blinding";
import { markBoardChanged } from "./board-versions.server";
import { findPageStart } from "./list-page-anchors.server";
import { canModify, isModeration, type Actor } from "./permissions";
import { onlyModifiableBy } from "./permissions.server";
import { boardAnonymity, isLive, LISTED_POST_COLUMNS, selectPostsWithPlace } from "./post-queries.server";
import { checkPostingLimits, type PostingRefusal, type WriteOptions } from "./posting-limits.server";
import { findUploadSizes, forgetPostImages, recordPostImages } from "./uploads.server";
import { indexPost, unindexPost } from "./search-index.server";

export const POSTS_PER_PAGE = 20;

export interface ListBoardPostsOptions {
  boardId: number;
  categoryId?: number;
  excludeCategoryIds?: number[];
  page: number;
  /** The list's live post count from the counters; finds the page without OFFSET. */
  liveCount: number;
  /** Posts per page; the front page shows fewer. */
  limit?: number;
  /** Authors the reader blocked (readBlockedAuthorIds): their posts are left out of the page. */
  hiddenAuthorIds?: ReadonlySet<number>;
  /** Who reads the list: decides whether blinded titles show. */
  reader?: Actor | null;
}

/**
 * One page of a board's live posts, newest first, without the posts of authors the reader blocked. Those are taken
 * out of the page after it is found, so pages keep their counted positions (deep pages still need no OFFSET) and a
 * page may show fewer rows; hiddenCount says how many. Blinded titles are replaced for this reader.
 */
export async function listBoardPosts(db: Kysely<Database>, options: ListBoardPostsOptions) {
  const rows = await listBoardPage(db, options);
  const hidden = options.hiddenAuthorIds;
  const posts = rows.flatMap((row) =>
    hidden?.has(row.authorId) ? [] : [presentListedPost(row, options.reader ?? null)],
  );
  return { posts, hiddenCount: rows.length - posts.length };
}

async function listBoardPage(db: Kysely<Database>, options: ListBoardPostsOptions) {
  const { boardId, categoryId, excludeCategoryIds = [], page, liveCount, limit = POSTS_PER_PAGE } = options;
  let query = db
    .selectFrom("posts")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .select(LISTED_POST_COLUMNS)
    .where("posts.board_id", "=", boardId)
    .where(isLive("posts"));
  if (categoryId !== undefined) query = query.where("posts.category_id", "=", categoryId);
  const newestFirst = query.orderBy("posts.id", "desc").limit(limit);
  if (excludeCategoryIds.length > 0) {
    // A reader's own exclusions have no counter per combination, so their deep pages fall back to OFFSET.
    return newestFirst
      .where((eb) =>
        eb.or([eb("posts.category_id", "is", null), eb("posts.category_id", "not in", excludeCategoryIds)]),
      )
      .offset((page - 1) * limit)
      .execute();
  }
  // The first page is simply the newest posts: no starting point to find.
  if (page === 1) return newestFirst.execute();
  const pageStart = await findPageStart(db, { boardId, categoryId }, liveCount, page, limit);
  if (pageStart === null) return [];
  return newestFirst.where("posts.id", "<=", pageStart).execute();
}

/** A live post with what its page shows; null when it does not exist or was deleted. */
export async function getPost(db: Kysely<Database>, postId: number) {
  const post = await selectPostsWithPlace(db)
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id",
      "posts.title",
      "posts.body_html as bodyHtml",
      "posts.author_id as authorId",
      "posts.view_count as viewCount",
      "posts.comment_count as commentCount",
      "posts.scrap_count as scrapCount",
      "posts.notice_scope as noticeScope",
      "posts.blinded_at as blindedAt",
      "posts.created_at as createdAt",
      "posts.updated_at as updatedAt",
      "posts.is_anonymous as isAnonymous",
      "boards.slug as boardSlug",
      "users.username as authorUsername",
      "categories.slug as categorySlug",
      "categories.name as categoryName",
    ])
    .where("posts.id", "=", postId)
    .where(isLive("posts"))
    .executeTakeFirst();
  return post ?? null;
}

export type PostDetail = NonNullable<Awaited<ReturnType<typeof getPost>>>;

export interface PostContent {
  categoryId: number | null;
  title: string;
  bodyMd: string;
}

export type WriteOutcome = "done" | "not-found" | "forbidden";

// Board and category totals are counters, so the list never counts rows; they move with the posts they count.
async function adjustCategoryCount(trx: Transaction<Database>, categoryId: number | null, delta: number) {
  if (categoryId === null) return;
  await trx
    .updateTable("categories")
    .set((eb) => ({ post_count: eb("post_count", "+", delta) }))
    .where("id", "=", categoryId)
    .execute();
}

async function adjustPostCounts(trx: Transaction<Database>, boardId: number, categoryId: number | null, delta: number) {
  await trx
    .updateTable("boards")
    .set((eb) => ({ post_count: eb("post_count", "+", delta) }))
    .where("id", "=", boardId)
    .execute();
  await adjustCategoryCount(trx, categoryId, delta);
}

/** A body rendered as it is saved, with the sizes of the uploads it shows. */
async function renderBody(db: Kysely<Database>, bodyMd: string) {
  return renderPost(bodyMd, await findUploadSizes(db, uploadHashesIn(bodyMd)));
}

export type CreatePostResult = { ok: true; postId: number } | { ok: false; refusal: PostingRefusal };

export async function createPost(
  db: Kysely<Database>,
  input: PostContent & { boardId: number; authorId: number },
  { limits = null, now = Date.now() }: WriteOptions = {},
): Promise<CreatePostResult> {
  const body = await renderBody(db, input.bodyMd);
  return withTransaction(db, async (trx): Promise<CreatePostResult> => {
    const post = { kind: "post", authorId: input.authorId, body: input.bodyMd } as const;
    const refusal = await checkPostingLimits(trx, post, limits, now);
    if (refusal) return { ok: false, refusal };
    const { id } = await trx
      .insertInto("posts")
      .values({
        board_id: input.boardId,
        category_id: input.categoryId,
        author_id: input.authorId,
        title: input.title,
        body_md: input.bodyMd,
        body_html: body.html,
        has_images: body.hasImages ? 1 : 0,
        is_anonymous: boardAnonymity(trx, input.boardId),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordPostImages(trx, id, body.uploadHashes);
    await adjustPostCounts(trx, input.boardId, input.categoryId, 1);
    await indexPost(trx, { id, title: input.title, bodyHtml: body.html });
    await markBoardChanged(trx, input.boardId);
    return { ok: true, postId: id };
  });
}

/** The editable fields of a live post, with who may edit it. */
export async function getPostForEdit(db: Kysely<Database>, postId: number) {
  const post = await selectPostsWithPlace(db)
    .select([
      "posts.id",
      "posts.title",
      "posts.body_md as bodyMd",
      "posts.author_id as authorId",
      "boards.slug as boardSlug",
      "categories.slug as categorySlug",
    ])
    .where("posts.id", "=", postId)
    .where(isLive("posts"))
    .executeTakeFirst();
  return post ?? null;
}

/** Locked, so that a concurrent edit cannot move the post between this read and the counters it decides. */
function editablePost(trx: Transaction<Database>, postId: number) {
  return lockedForUpdate(
    trx,
    trx
      .selectFrom("posts")
      .select(["id", "board_id", "category_id", "author_id", "title"])
      .where("id", "=", postId)
      .where(isLive("posts")),
  );
}

/** Tells a missing post (404) from someone else's (403); the write itself also checks the author in its query. */
async function findEditable(trx: Transaction<Database>, postId: number, editor: Actor) {
  const post = await editablePost(trx, postId).executeTakeFirst();
  if (!post) return { outcome: "not-found" as const };
  if (!canModify(editor, post.author_id)) return { outcome: "forbidden" as const };
  return { outcome: "done" as const, post };
}

export async function updatePost(
  db: Kysely<Database>,
  postId: number,
  editor: Actor,
  content: PostContent,
  now = Date.now(),
): Promise<WriteOutcome> {
  const body = await renderBody(db, content.bodyMd);
  // Retried on PostgreSQL: two posts swapping categories lock the two counters in opposite orders.
  return withTransaction(db, async (trx) => {
    const found = await findEditable(trx, postId, editor);
    if (found.outcome !== "done") return found.outcome;
    const result = await onlyModifiableBy(
      trx
        .updateTable("posts")
        .set({
          category_id: content.categoryId,
          title: content.title,
          body_md: content.bodyMd,
          body_html: body.html,
          has_images: body.hasImages ? 1 : 0,
          updated_at: now,
        })
        .where("id", "=", postId)
        .where(isLive("posts")),
      editor,
    ).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return "forbidden";
    await recordPostImages(trx, postId, body.uploadHashes);
    await indexPost(trx, { id: postId, title: content.title, bodyHtml: body.html });
    const categoryChanged = found.post.category_id !== content.categoryId;
    if (categoryChanged) {
      await adjustCategoryCount(trx, found.post.category_id, -1);
      await adjustCategoryCount(trx, content.categoryId, 1);
    }
    await markBoardChanged(trx, found.post.board_id, { ranksShifted: categoryChanged });
    return "done";
  });
}

/** Why an admin deleted the item, for the audit log; given from the report queue. */
export interface DeletionOptions {
  /** Set by the report queue: the deletion is logged even when the admin wrote the item. */
  moderationReason?: string;
  now?: number;
}

/**
 * Soft delete: the row keeps its data with a deletion time, and leaves every list and count. An admin deleting
 * someone else's post is written to the audit log in the same transaction.
 */
export async function deletePost(
  db: Kysely<Database>,
  postId: number,
  editor: Actor,
  { moderationReason, now = Date.now() }: DeletionOptions = {},
): Promise<WriteOutcome> {
  return withTransaction(db, async (trx) => {
    const found = await findEditable(trx, postId, editor);
    if (found.outcome !== "done") return found.outcome;
    const result = await onlyModifiableBy(
      trx.updateTable("posts").set({ deleted_at: now }).where("id", "=", postId).where(isLive("posts")),
      editor,
    ).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return "forbidden";
    await forgetPostImages(trx, postId);
    if (moderationReason !== undefined || isModeration(editor, found.post.author_id)) {
      await recordAdminAction(trx, {
        adminId: editor.id,
        action: "delete_post",
        targetKind: "post",
        targetId: postId,
        summary: found.post.title,
        reason: moderationReason,
      });
    }
    await adjustPostCounts(trx, found.post.board_id, found.post.category_id, -1);
    await unindexPost(trx, postId);
    await markBoardChanged(trx, found.post.board_id, { ranksShifted: true });
    return "done";
  });
}
