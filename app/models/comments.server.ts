import type { Kysely } from "kysely";
import { lockedForUpdate, withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import { COMMENTS_PER_PAGE } from "~/lib/comment-query";
import { markBoardChanged } from "./board-versions.server";
import { recordAdminAction } from "./admin-log.server";
import { blindingFor, type Blinding } from "./blinding";
import { authorNameFor, canModify, canReport, isModeration, memberAdminHref, type Actor } from "./permissions";
import { onlyModifiableBy } from "./permissions.server";
import { boardAnonymity, isLive } from "./post-queries.server";
import { checkPostingLimits, type PostingRefusal, type WriteOptions } from "./posting-limits.server";
import { notifyNewComment } from "./notifications.server";
import type { DeletionOptions } from "./posts.server";
import { indexComment, unindexComment } from "./search-index.server";

const NEW_COMMENTS_LIMIT = 200;

/** What the post's page needs to present comments the same way everywhere. */
export interface CommentContext {
  postId: number;
  postAuthorId: number;
  postIsAnonymous: boolean;
  /** Who is reading: decides whose name is shown and which comments offer a delete or a block button. */
  reader: Actor | null;
  /** Authors the reader blocked (readBlockedAuthorIds): their comments collapse. */
  blockedAuthorIds: ReadonlySet<number>;
}

export function commentContextFor(
  post: { id: number; authorId: number; isAnonymous: number },
  user: Actor | null,
  blockedAuthorIds: ReadonlySet<number> = new Set(),
): CommentContext {
  return {
    postId: post.id,
    postAuthorId: post.authorId,
    postIsAnonymous: post.isAnonymous === 1,
    reader: user && { id: user.id, role: user.role },
    blockedAuthorIds,
  };
}

export interface CommentView {
  id: number;
  parentId: number | null;
  authorName: string;
  /** The author's admin page, for admins only. */
  authorAdminHref: string | null;
  isPostAuthor: boolean;
  canDelete: boolean;
  /** A member may block the author of a live comment that is not theirs (the server finds the author). */
  canBlock: boolean;
  /** Written by someone the reader blocked: shown as "차단한 사용자의 댓글입니다", with no name or body. */
  authorBlocked: boolean;
  /** A member other than its author may report it. */
  canReport: boolean;
  /** Null when deleted, or blinded and hidden from this reader. */
  body: string | null;
  blinding: Blinding;
  createdAt: number;
}

export interface CommentThread extends CommentView {
  replies: CommentView[];
}

function selectComments(db: Kysely<Database>, postId: number) {
  return db
    .selectFrom("comments")
    .innerJoin("users", "users.id", "comments.author_id")
    .select([
      "comments.id",
      "comments.parent_id",
      "comments.author_id",
      "comments.body",
      "comments.created_at",
      "comments.deleted_at",
      "comments.is_anonymous",
      "comments.blinded_at",
      "users.username",
    ])
    .where("comments.post_id", "=", postId);
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>["execute"]>>[number];

function presentComment(row: CommentRow, context: CommentContext): CommentView {
  const { reader } = context;
  const authorBlocked = row.deleted_at === null && context.blockedAuthorIds.has(row.author_id);
  // A deleted comment, or a blocked author's, keeps its place in the thread and nothing else.
  const shown = row.deleted_at === null && !authorBlocked;
  const isAnonymous = row.is_anonymous === 1;
  const authorName = authorNameFor({ isAnonymous }, row.username, reader);
  // Where the board's setting changed between the post and the comment, 글쓴이 beside one of them would tie the
  // named one to the anonymous one.
  const sameAnonymityAsPost = isAnonymous === context.postIsAnonymous;
  const deleted = row.deleted_at !== null;
  const blinding = deleted ? "none" : blindingFor(reader, { blindedAt: row.blinded_at, authorId: row.author_id });
  const readable = shown && blinding !== "hidden";
  return {
    id: row.id,
    parentId: row.parent_id,
    authorName: readable ? authorName : "",
    authorAdminHref: readable ? memberAdminHref(reader, row.username) : null,
    isPostAuthor: readable && sameAnonymityAsPost && row.author_id === context.postAuthorId,
    canDelete: !deleted && !authorBlocked && canModify(reader, row.author_id),
    canBlock: readable && reader !== null && reader.id !== row.author_id,
    authorBlocked,
    // Still offered once blinded, so the form that blinded it stays on the page with its confirmation.
    canReport: !deleted && !authorBlocked && canReport(reader, row.author_id),
    body: readable ? row.body : null,
    blinding,
    createdAt: row.created_at,
  };
}

/**
 * Top-level comments after `afterId`, oldest first, each with its replies.
 * Deleted comments and those of blocked authors stay in place (with no body) so the thread around them still reads
 * right: replies under a blocked author's comment are still shown.
 */
export async function listCommentThreads(
  db: Kysely<Database>,
  context: CommentContext,
  { afterId = 0, limit = COMMENTS_PER_PAGE }: { afterId?: number; limit?: number } = {},
): Promise<{ threads: CommentThread[]; hasMore: boolean }> {
  const parents = await selectComments(db, context.postId)
    .where("comments.parent_id", "is", null)
    .where("comments.id", ">", afterId)
    .orderBy("comments.id")
    .limit(limit + 1)
    .execute();
  const hasMore = parents.length > limit;
  const shown = parents.slice(0, limit);
  const replies =
    shown.length === 0
      ? []
      : await selectComments(db, context.postId)
          .where(
            "comments.parent_id",
            "in",
            shown.map((p) => p.id),
          )
          // In the index's order (comments_post_parent): ordered by id alone, SQLite would rather read every
          // comment of the post through comments_post than sort a page's replies.
          .orderBy("comments.parent_id")
          .orderBy("comments.id")
          .execute();
  const threads = shown.map((parent) => ({
    ...presentComment(parent, context),
    replies: replies.filter((r) => r.parent_id === parent.id).map((r) => presentComment(r, context)),
  }));
  return { threads, hasMore };
}

/** Comments and replies written after `sinceId`, for "새 댓글 확인하기". */
export async function listCommentsSince(
  db: Kysely<Database>,
  context: CommentContext,
  sinceId: number,
): Promise<CommentView[]> {
  const rows = await selectComments(db, context.postId)
    .where("comments.id", ">", sinceId)
    .orderBy("comments.id")
    .limit(NEW_COMMENTS_LIMIT)
    .execute();
  return rows.map((row) => presentComment(row, context));
}

export type AddCommentResult =
  | { ok: true; commentId: number; threadId: number }
  | { ok: false; reason: "post-not-found" | "parent-not-found" }
  | { ok: false; reason: "limited"; refusal: PostingRefusal };

/**
 * Adds a comment, or a reply: replies stay one level deep, so answering a reply joins its thread.
 * The post's comment_count moves in the same transaction, so it always equals the live comments.
 */
export async function addComment(
  db: Kysely<Database>,
  input: { postId: number; authorId: number; body: string; parentId: number | null },
  { limits = null, now = Date.now() }: WriteOptions = {},
): Promise<AddCommentResult> {
  return withTransaction(db, async (trx): Promise<AddCommentResult> => {
    // The limits lock the author before this locks the post; no write takes the two the other way round.
    const comment = { kind: "comment", authorId: input.authorId, body: input.body } as const;
    const refusal = await checkPostingLimits(trx, comment, limits, now);
    if (refusal) return { ok: false, reason: "limited", refusal };
    // Locked, so that the post cannot be deleted between this check and the comment and its count.
    const post = await lockedForUpdate(
      trx,
      trx.selectFrom("posts").select(["board_id", "author_id"]).where("id", "=", input.postId).where(isLive("posts")),
    ).executeTakeFirst();
    if (!post) return { ok: false, reason: "post-not-found" };
    let threadId: number | null = null;
    let answered: { id: number; authorId: number } | null = null;
    if (input.parentId !== null) {
      const parent = await trx
        .selectFrom("comments")
        .select(["id", "parent_id", "author_id"])
        .where("id", "=", input.parentId)
        .where("post_id", "=", input.postId)
        .where(isLive("comments"))
        .executeTakeFirst();
      if (!parent) return { ok: false, reason: "parent-not-found" };
      threadId = parent.parent_id ?? parent.id;
      answered = { id: parent.id, authorId: parent.author_id };
    }
    const { id, is_anonymous } = await trx
      .insertInto("comments")
      .values({
        post_id: input.postId,
        author_id: input.authorId,
        parent_id: threadId,
        body: input.body,
        is_anonymous: boardAnonymity(trx, post.board_id),
        created_at: now,
      })
      .returning(["id", "is_anonymous"])
      .executeTakeFirstOrThrow();
    await indexComment(trx, { id, body: input.body });
    await trx
      .updateTable("posts")
      .set((eb) => ({ comment_count: eb("comment_count", "+", 1) }))
      .where("id", "=", input.postId)
      .execute();
    await notifyNewComment(
      trx,
      {
        postId: input.postId,
        postAuthorId: post.author_id,
        commentId: id,
        authorId: input.authorId,
        isAnonymous: is_anonymous === 1,
        answered,
      },
      now,
    );
    // The list shows comment counts, so its cached pages are stale now.
    await markBoardChanged(trx, post.board_id);
    return { ok: true, commentId: id, threadId: threadId ?? id };
  });
}

/** How many threads a reader must be shown for this one to be on the page. */
export async function countThreadsThrough(db: Kysely<Database>, postId: number, threadId: number): Promise<number> {
  const { n } = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("post_id", "=", postId)
    .where("parent_id", "is", null)
    .where("id", "<=", threadId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The thread a comment of this post belongs to: its own id when top-level, else its parent's; null if not on this post. */
export async function findThreadId(db: Kysely<Database>, postId: number, commentId: number): Promise<number | null> {
  const comment = await db
    .selectFrom("comments")
    .select(["id", "parent_id"])
    .where("id", "=", commentId)
    .where("post_id", "=", postId)
    .executeTakeFirst();
  return comment ? (comment.parent_id ?? comment.id) : null;
}

/**
 * Deleting leaves the comment in place as "삭제된 댓글입니다"; only its author or an admin may. An admin deleting
 * someone else's comment is written to the audit log in the same transaction.
 */
export async function deleteComment(
  db: Kysely<Database>,
  input: { postId: number; commentId: number; editor: Actor },
  { moderationReason, now = Date.now() }: DeletionOptions = {},
): Promise<"done" | "not-found" | "forbidden"> {
  const { postId, commentId, editor } = input;
  return withTransaction(db, async (trx) => {
    // Locked, so that a concurrent delete of the same comment makes this one "not-found", not "forbidden".
    const comment = await lockedForUpdate(
      trx,
      trx
        .selectFrom("comments")
        .select(["author_id", "body"])
        .where("id", "=", commentId)
        .where("post_id", "=", postId)
        .where(isLive("comments")),
    ).executeTakeFirst();
    if (!comment) return "not-found";
    const result = await onlyModifiableBy(
      trx.updateTable("comments").set({ deleted_at: now }).where("id", "=", commentId).where(isLive("comments")),
      editor,
    ).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return "forbidden";
    if (moderationReason !== undefined || isModeration(editor, comment.author_id)) {
      await recordAdminAction(trx, {
        adminId: editor.id,
        action: "delete_comment",
        targetKind: "comment",
        targetId: commentId,
        summary: comment.body,
        reason: moderationReason,
      });
    }
    await unindexComment(trx, commentId);
    const { board_id } = await trx
      .updateTable("posts")
      .set((eb) => ({ comment_count: eb("comment_count", "-", 1) }))
      .where("id", "=", postId)
      .returning("board_id")
      .executeTakeFirstOrThrow();
    await markBoardChanged(trx, board_id);
    return "done";
  });
}
