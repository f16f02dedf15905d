import { sql, type Kysely, type Transaction } from "kysely";
import { withTransaction } from "#db/engine";
import type { Database, NotificationKind } from "#db/types";
import { ANONYMOUS_NAME } from "./permissions";

// Writing notifications (알림): called inside the transaction that makes the change they report, so a member is told
// exactly about what happened. Reading them is app/models/notification-inbox.server.ts. Why it works this way:
// docs/decisions/023-notifications.md.

/** How long a line is kept after its latest event. */
export const NOTIFICATION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_BATCH = 5000;

/** What a member chose in /settings/notifications: each kind on (true) or off. */
export interface NotificationSettings {
  comment: boolean;
  reply: boolean;
  moderation: boolean;
}

export async function getNotificationSettings(db: Kysely<Database>, userId: number): Promise<NotificationSettings> {
  const row = await db
    .selectFrom("users")
    .select(["notify_comment", "notify_reply", "notify_moderation"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return { comment: row.notify_comment === 1, reply: row.notify_reply === 1, moderation: row.notify_moderation === 1 };
}

export async function saveNotificationSettings(db: Kysely<Database>, userId: number, settings: NotificationSettings) {
  const flag = (on: boolean) => (on ? 1 : 0);
  await db
    .updateTable("users")
    .set({
      notify_comment: flag(settings.comment),
      notify_reply: flag(settings.reply),
      notify_moderation: flag(settings.moderation),
    })
    .where("id", "=", userId)
    .execute();
}

/** The preference column that turns each kind on or off. */
const PREFERENCE_OF = {
  comment: "notify_comment",
  reply: "notify_reply",
  blind: "notify_moderation",
  restore: "notify_moderation",
} as const satisfies Record<NotificationKind, string>;

/**
 * Whether the recipient wants this kind, from this actor: their preference, and for comments and replies no block of
 * the actor. Blocks silence a person, not the board: notices of blinding and restoring arrive whoever acted.
 */
async function wants(trx: Transaction<Database>, recipientId: number, actorId: number, kind: NotificationKind) {
  const recipient = await trx
    .selectFrom("users")
    .select(["notify_comment", "notify_reply", "notify_moderation"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("blocks")
            .select("blocks.id")
            .whereRef("blocks.blocker_id", "=", "users.id")
            .where("blocks.blocked_id", "=", actorId),
        )
        .as("blocked"),
    )
    .where("id", "=", recipientId)
    .executeTakeFirstOrThrow();
  if (recipient[PREFERENCE_OF[kind]] !== 1) return false;
  return kind === "blind" || kind === "restore" || !recipient.blocked;
}

/** Moves the member's unread counter by the lines just added (positive) or read or removed (negative). */
export async function addUnread(trx: Transaction<Database>, recipientId: number, by: number) {
  await trx
    .updateTable("users")
    .set((eb) => ({ unread_notifications: eb("unread_notifications", "+", by) }))
    .where("id", "=", recipientId)
    .execute();
}

interface CommentLine {
  recipientId: number;
  kind: "comment" | "reply";
  postId: number;
  commentId: number;
  parentCommentId: number | null;
  /** The name the line shows: the anonymous name, or the commenter's username read within the upsert itself. */
  actorName: string | { usernameOf: number };
}

/**
 * Adds the comment to the recipient's unread line for the same post (or the same answered comment), or starts one.
 * One upsert on the partial unique index, so concurrent comments land in one line; a count of 1 after it means the
 * line is new, and only then does the unread counter move.
 */
async function upsertCommentLine(trx: Transaction<Database>, line: CommentLine, now: number) {
  const target =
    line.kind === "comment" ? (["recipient_id", "post_id"] as const) : (["recipient_id", "parent_comment_id"] as const);
  // Written exactly as the index's predicate (migrations/*_notifications.ts): SQLite matches them as written.
  const predicate =
    line.kind === "comment"
      ? sql<boolean>`kind = 'comment' and read_at is null`
      : sql<boolean>`kind = 'reply' and read_at is null`;
  const { event_count } = await trx
    .insertInto("notifications")
    .values({
      recipient_id: line.recipientId,
      kind: line.kind,
      post_id: line.postId,
      comment_id: line.commentId,
      parent_comment_id: line.parentCommentId,
      event_count: 1,
      actor_name:
        typeof line.actorName === "string"
          ? line.actorName
          : trx.selectFrom("users").select("username").where("id", "=", line.actorName.usernameOf),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns([...target])
        .where(predicate)
        .doUpdateSet((eb) => ({
          event_count: eb("notifications.event_count", "+", 1),
          comment_id: eb.ref("excluded.comment_id"),
          actor_name: eb.ref("excluded.actor_name"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
    )
    .returning("event_count")
    .executeTakeFirstOrThrow();
  if (event_count === 1) await addUnread(trx, line.recipientId, 1);
}

/** A comment just written, as the notification needs it. */
export interface NewComment {
  postId: number;
  postAuthorId: number;
  commentId: number;
  authorId: number;
  /** Whether the comment hides its author (its own is_anonymous). */
  isAnonymous: boolean;
  /** The comment answered, when it is a reply. */
  answered: { id: number; authorId: number } | null;
}

/**
 * Tells the author of the answered comment about a reply, and the post's author about a comment on their post: one
 * line per recipient per comment, the reply when the post's author is also the one answered (and wants replies).
 * Nobody is told of their own comment, nor of one by a member they blocked.
 */
export async function notifyNewComment(trx: Transaction<Database>, comment: NewComment, now: number) {
  const { authorId, answered } = comment;
  const lines: Pick<CommentLine, "recipientId" | "kind" | "parentCommentId">[] = [];
  if (answered && answered.authorId !== authorId && (await wants(trx, answered.authorId, authorId, "reply"))) {
    lines.push({ recipientId: answered.authorId, kind: "reply", parentCommentId: answered.id });
  }
  const { postAuthorId } = comment;
  const toldAlready = lines.some((line) => line.recipientId === postAuthorId);
  if (postAuthorId !== authorId && !toldAlready && (await wants(trx, postAuthorId, authorId, "comment"))) {
    lines.push({ recipientId: postAuthorId, kind: "comment", parentCommentId: null });
  }
  const actorName = comment.isAnonymous ? ANONYMOUS_NAME : { usernameOf: authorId };
  for (const line of lines) {
    await upsertCommentLine(trx, { ...line, postId: comment.postId, commentId: comment.commentId, actorName }, now);
  }
}

/** A post or comment blinded or restored, and who did it (an admin, or the report that reached the threshold). */
export interface ModerationEvent {
  kind: "blind" | "restore";
  postId: number;
  /** Null when the post itself was blinded or restored. */
  commentId: number | null;
  authorId: number;
  actorId: number;
}

/**
 * Tells the author their item was blinded or restored. Blocks do not apply: the notice is the board's, not the
 * person's who acted. Each event is its own line.
 */
export async function notifyModeration(trx: Transaction<Database>, event: ModerationEvent, now: number) {
  if (event.authorId === event.actorId || !(await wants(trx, event.authorId, event.actorId, event.kind))) return;
  await trx
    .insertInto("notifications")
    .values({
      recipient_id: event.authorId,
      kind: event.kind,
      post_id: event.postId,
      comment_id: event.commentId,
      parent_comment_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await addUnread(trx, event.authorId, 1);
}

/**
 * Removes lines whose latest event is older than the retention period, in batches of one transaction each; each
 * member's unread counter drops by the unread lines removed, in the same transaction. Returns how many were removed.
 * Meant for the server's periodic job runner.
 */
export async function pruneOldNotifications(db: Kysely<Database>, now: number): Promise<number> {
  const cutoff = now - NOTIFICATION_RETENTION_MS;
  let removed = 0;
  for (;;) {
    const batch = await withTransaction(db, async (trx) => {
      const oldest = trx
        .selectFrom("notifications")
        .select("id")
        .where("updated_at", "<", cutoff)
        .orderBy("updated_at")
        .limit(PRUNE_BATCH);
      const rows = await trx
        .deleteFrom("notifications")
        .where("id", "in", oldest)
        .returning(["recipient_id", "read_at"])
        .execute();
      const unreadByRecipient = new Map<number, number>();
      for (const row of rows) {
        if (row.read_at === null) {
          unreadByRecipient.set(row.recipient_id, (unreadByRecipient.get(row.recipient_id) ?? 0) + 1);
        }
      }
      for (const [recipientId, count] of unreadByRecipient) await addUnread(trx, recipientId, -count);
      return rows.length;
    });
    removed += batch;
    if (batch < PRUNE_BATCH) return removed;
  }
}
