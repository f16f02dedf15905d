import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { idField } from "~/lib/form-submission.server";
import { characterCount } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { defineIntent, type IntentHandler } from "~/lib/intents.server";
import { deleteComment } from "~/models/comments.server";
import { deletePost } from "~/models/posts.server";
import { keepBlinded, restoreItem, type ModerationOutcome, type ReportedItem } from "~/models/reports.server";

// The report queue's action: keep an item blinded, restore it, or delete it. Every one is written to the audit log.

export const REPORT_QUEUE_FORM_MAX_BYTES = 4 * 1024;
const MODERATION_REASON_MAX_LENGTH = 200;
const ITEM_GONE = "이미 삭제되었거나 없는 항목입니다.";

export interface ReportQueueContext {
  db: AppLoadContext["db"];
  admin: SessionUser;
  /** Where the admin returns to: the queue page they were on. */
  queuePath: string;
}

const queueItemSchema = z.object({
  postId: idField("올바른 글 번호가 아닙니다."),
  commentId: z
    .string()
    .optional()
    .refine((v) => !v || parseId(v) !== null, "올바른 댓글 번호가 아닙니다.")
    .transform((v) => parseId(v)),
  reason: z
    .string()
    .optional()
    .transform((reason) => (reason ?? "").trim())
    .refine(
      (reason) => characterCount(reason) <= MODERATION_REASON_MAX_LENGTH,
      `처리 사유는 ${MODERATION_REASON_MAX_LENGTH}자 이하로 입력해 주세요.`,
    ),
});

type QueueItemInput = z.output<typeof queueItemSchema>;

function itemOf({ postId, commentId }: QueueItemInput): ReportedItem {
  return commentId === null ? { kind: "post", postId } : { kind: "comment", postId, commentId };
}

function queueIntent(decide: (input: QueueItemInput, context: ReportQueueContext) => Promise<ModerationOutcome>) {
  return defineIntent(queueItemSchema, async (input, context: ReportQueueContext) => {
    if ((await decide(input, context)) === "not-found") throw notFound(ITEM_GONE);
    return redirect(context.queuePath, 303);
  });
}

async function deleteItem(input: QueueItemInput, { db, admin }: ReportQueueContext): Promise<ModerationOutcome> {
  const options = { moderationReason: input.reason };
  const outcome =
    input.commentId === null
      ? await deletePost(db, input.postId, admin, options)
      : await deleteComment(db, { postId: input.postId, commentId: input.commentId, editor: admin }, options);
  // An admin may delete anything, so the only refusal left is an item already gone.
  return outcome === "done" ? "done" : "not-found";
}

export const reportQueueIntents: Record<string, IntentHandler<ReportQueueContext>> = {
  keep: queueIntent((input, { db, admin }) =>
    keepBlinded(db, { item: itemOf(input), adminId: admin.id, reason: input.reason }),
  ),
  restore: queueIntent((input, { db, admin }) =>
    restoreItem(db, { item: itemOf(input), adminId: admin.id, reason: input.reason }),
  ),
  delete: queueIntent(deleteItem),
};
