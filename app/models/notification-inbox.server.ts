import type { Kysely } from "kysely";
import { withTransaction } from "#db/engine";
import type { Database, NotificationKind } from "#db/types";
import { excerpt } from "~/lib/format";
import { BLINDED_POST_TEXT, blindingFor } from "./blinding";
import { addUnread } from "./notifications.server";

// A member's own notifications (/notifications): listing, opening one, reading them all. Every query names the
// member, so someone else's notification is simply not found and nothing of it changes.

export const NOTIFICATIONS_PER_PAGE = 20;
const COMMENT_EXCERPT_CHARACTERS = 60;

export interface NotificationLine {
  id: number;
  kind: NotificationKind;
  /** How many comments or replies the line stands for ("새 댓글 3개"). */
  count: number;
  /** The latest commenter's name as stored: the anonymous name on an anonymous board; "" for moderation. */
  actorName: string;
  boardName: string;
  /** The post's title as the member may see it; null when the post was deleted. */
  postTitle: string | null;
  /** Whether the line is about a comment (the latest comment, or the comment blinded or restored). */
  aboutComment: boolean;
  /** The start of that comment, when it is still there and readable by the member. */
  commentExcerpt: string | null;
  updatedAt: number;
  read: boolean;
}

/** One page of the member's notifications, the latest event first; a page past the last shows the last. */
export async function listNotifications(db: Kysely<Database>, recipient: { id: number }, requestedPage: number) {
  const own = db.selectFrom("notifications").where("notifications.recipient_id", "=", recipient.id);
  const { n } = await own.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const rows = await own
    .innerJoin("posts", "posts.id", "notifications.post_id")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("comments", "comments.id", "notifications.comment_id")
    .select([
      "notifications.id",
      "notifications.kind",
      "notifications.event_count",
      "notifications.actor_name",
      "notifications.comment_id",
      "notifications.updated_at",
      "notifications.read_at",
      "posts.title",
      "posts.author_id as post_author_id",
      "posts.blinded_at as post_blinded_at",
      "posts.deleted_at as post_deleted_at",
      "boards.name as board_name",
      "comments.body as comment_body",
      "comments.author_id as comment_author_id",
      "comments.blinded_at as comment_blinded_at",
      "comments.deleted_at as comment_deleted_at",
    ])
    .orderBy("notifications.updated_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(NOTIFICATIONS_PER_PAGE)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
    .execute();
  // The member reads these as a member: a post or comment blinded and not theirs shows only the notice.
  const reader = { id: recipient.id, role: "member" as const };
  const lines = rows.map((row): NotificationLine => {
    const postHidden =
      blindingFor(reader, { blindedAt: row.post_blinded_at, authorId: row.post_author_id }) === "hidden";
    const commentReadable =
      row.comment_body !== null &&
      row.comment_deleted_at === null &&
      !postHidden &&
      blindingFor(reader, { blindedAt: row.comment_blinded_at, authorId: row.comment_author_id ?? 0 }) !== "hidden";
    return {
      id: row.id,
      kind: row.kind,
      count: row.event_count,
      actorName: row.actor_name,
      boardName: row.board_name,
      postTitle: row.post_deleted_at !== null ? null : postHidden ? BLINDED_POST_TEXT : row.title,
      aboutComment: row.comment_id !== null,
      commentExcerpt: commentReadable ? excerpt(row.comment_body ?? "", COMMENT_EXCERPT_CHARACTERS) : null,
      updatedAt: Number(row.updated_at),
      read: row.read_at !== null,
    };
  });
  return { lines, total, page, pageCount };
}

/** Where a notification leads: its post, and the comment on it when it is about one. */
export interface NotificationTarget {
  boardSlug: string;
  postId: number;
  comment: { id: number; threadId: number } | null;
}

/**
 * Marks the member's notification read (once: the counter drops only for the update that read it) and says where
 * it leads; null when the member has no notification of that id, and then nothing changes.
 */
export async function openNotification(
  db: Kysely<Database>,
  recipientId: number,
  notificationId: number,
  now = Date.now(),
): Promise<NotificationTarget | null> {
  return withTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom("notifications")
      .innerJoin("posts", "posts.id", "notifications.post_id")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .leftJoin("comments", "comments.id", "notifications.comment_id")
      .select(["notifications.post_id", "notifications.comment_id", "comments.parent_id", "boards.slug"])
      .where("notifications.id", "=", notificationId)
      .where("notifications.recipient_id", "=", recipientId)
      .executeTakeFirst();
    if (!found) return null;
    const read = await trx
      .updateTable("notifications")
      .set({ read_at: now })
      .where("id", "=", notificationId)
      .where("recipient_id", "=", recipientId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    if (read.numUpdatedRows > 0n) await addUnread(trx, recipientId, -1);
    const commentId = found.comment_id;
    return {
      boardSlug: found.slug,
      postId: found.post_id,
      comment: commentId === null ? null : { id: commentId, threadId: found.parent_id ?? commentId },
    };
  });
}

/** "모두 읽음": reads every unread line of the member's, and only theirs; returns how many. */
export async function markAllNotificationsRead(db: Kysely<Database>, recipientId: number, now = Date.now()) {
  return withTransaction(db, async (trx) => {
    const read = await trx
      .updateTable("notifications")
      .set({ read_at: now })
      .where("recipient_id", "=", recipientId)
      .where("read_at", "is", null)
      .executeTakeFirst();
    const count = Number(read.numUpdatedRows);
    if (count > 0) await addUnread(trx, recipientId, -count);
    return count;
  });
}
