import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { assertAdmin, type SessionUser } from "~/auth/session.server";
import { commentHref } from "~/lib/comment-query";
import { inPlaceField } from "~/lib/form-submission.server";
import { forbidden, notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { formatCount } from "~/lib/format";
import { defineIntent, type IntentHandler } from "~/lib/intents.server";
import { commentSchema } from "~/lib/post-schemas.server";
import { BLOCK_LIMIT, blockAuthor } from "~/models/blocks.server";
import { postingRefusalInit } from "~/actions/post-submission.server";
import { addComment, countThreadsThrough, deleteComment, findThreadId } from "~/models/comments.server";
import { addNotice, removeNotice, type ActiveNoticeScope } from "~/models/notices.server";
import { deletePost, type PostDetail } from "~/models/posts.server";
import { currentRateLimits } from "~/models/rate-limits.server";
import { missingDetail, reportItem, reportSchema, type ReportedItem } from "~/models/reports.server";
import { addScrap, removeScrap } from "~/models/scraps.server";

// The post page's action: one handler per intent, each with its own schema. Kept out of the route module because
// building them runs code at import time, which the browser bundle of the route must not carry.

export const POST_GONE = "없는 글이거나 삭제된 글입니다.";
const COMMENT_GONE = "없는 댓글이거나 이미 삭제된 댓글입니다.";

export interface PostIntentContext {
  db: AppLoadContext["db"];
  post: PostDetail;
  postPath: string;
  user: SessionUser;
}

/**
 * Back to the post with enough threads shown (`?comments=N`) for this comment to be on the page, and any other
 * parameters the page shows a confirmation for.
 */
async function redirectToComment(
  { db, post, postPath }: PostIntentContext,
  threadId: number,
  commentId: number,
  search: Record<string, string> = {},
) {
  const shown = await countThreadsThrough(db, post.id, threadId);
  return redirect(commentHref(postPath, shown, commentId, search), 303);
}

const noFields = z.object({});

const addCommentIntent = defineIntent(commentSchema, async (input, context: PostIntentContext, refuse) => {
  const { db, post, user } = context;
  const added = await addComment(db, { postId: post.id, authorId: user.id, ...input }, { limits: currentRateLimits() });
  if (added.ok) return redirectToComment(context, added.threadId, added.commentId);
  if (added.reason === "post-not-found") throw notFound(POST_GONE);
  if (added.reason === "limited") return refuse({ body: added.refusal.message }, postingRefusalInit(added.refusal));
  return refuse({ body: "답글을 달 댓글이 없거나 삭제되었습니다." });
});

const deleteCommentIntent = defineIntent(
  z.object({ commentId: z.string().optional().transform(parseId) }),
  async ({ commentId }, context: PostIntentContext) => {
    const { db, post, user } = context;
    if (commentId === null) throw notFound(COMMENT_GONE);
    const outcome = await deleteComment(db, { postId: post.id, commentId, editor: user });
    if (outcome === "not-found") throw notFound(COMMENT_GONE);
    if (outcome === "forbidden") throw forbidden("댓글을 쓴 사람이나 관리자만 지울 수 있습니다.");
    // The deleted comment stays in place, so the reader returns to it rather than to the first page of threads.
    const threadId = (await findThreadId(db, post.id, commentId)) ?? commentId;
    return redirectToComment(context, threadId, commentId);
  },
);

const deletePostIntent = defineIntent(noFields, async (_input, { db, post, user }: PostIntentContext) => {
  const outcome = await deletePost(db, post.id, user);
  if (outcome === "not-found") throw notFound("없는 글이거나 이미 삭제된 글입니다.");
  if (outcome === "forbidden") throw forbidden("글쓴이나 관리자만 지울 수 있습니다.");
  return redirect(`/${post.boardSlug}`, 303);
});

/** The page's confirmation after a block sent without JavaScript; see the post page's loader. */
export const BLOCKED_PARAM = "blocked";

const BLOCKED_MESSAGE = "차단했습니다.";

/**
 * Blocks the author of the post, or of the comment `commentId`, for the member; the author is found on the server,
 * so the form never names them. Sent in place (`inPlace`, set by the page's script) it answers with data, so that the
 * reader stays where they are while the page's data reloads; otherwise it redirects back with a confirmation.
 */
const blockIntent = defineIntent(
  z.object({ commentId: z.string().optional(), inPlace: inPlaceField }),
  async ({ commentId, inPlace }, context: PostIntentContext, refuse, accept) => {
    const { db, post, postPath, user } = context;
    const source = { postId: post.id, commentId: commentId === undefined ? null : parseId(commentId) };
    const fromComment = commentId !== undefined;
    if (fromComment && source.commentId === null) throw notFound(COMMENT_GONE);
    const outcome = await blockAuthor(db, user.id, source);
    if (outcome === "not-found") throw notFound(fromComment ? COMMENT_GONE : POST_GONE);
    if (outcome === "self") return refuse({ form: "자기 자신은 차단할 수 없습니다." });
    if (outcome === "limit") {
      return refuse({
        form: `차단은 ${formatCount(BLOCK_LIMIT)}명까지 할 수 있습니다. 차단 목록에서 필요 없는 차단을 풀어 주세요.`,
      });
    }
    if (inPlace) return accept(BLOCKED_MESSAGE);
    const confirmation = { [BLOCKED_PARAM]: "1" };
    if (source.commentId === null) return redirect(`${postPath}?${new URLSearchParams(confirmation)}`, 303);
    const threadId = (await findThreadId(db, post.id, source.commentId)) ?? source.commentId;
    return redirectToComment(context, threadId, source.commentId, confirmation);
  },
);

/** An intent whose model answers null or false when the post is gone, and otherwise returns to the post. */
function postUpdateIntent<Schema extends z.AnyZodObject>(
  schema: Schema,
  update: (input: z.output<Schema>, context: PostIntentContext) => Promise<unknown>,
) {
  return defineIntent(schema, async (input, context: PostIntentContext) => {
    if (!(await update(input, context))) throw notFound(POST_GONE);
    return redirect(context.postPath, 303);
  });
}

/** Only admins get past it: a 403 for members before their form is even read. */
function adminOnly(handler: IntentHandler<PostIntentContext>): IntentHandler<PostIntentContext> {
  return (form, context, name) => {
    assertAdmin(context.user);
    return handler(form, context, name);
  };
}

const noticeScopeSchema = z.object({
  scope: z
    .string()
    .optional()
    .refine((scope): scope is ActiveNoticeScope => scope === "board" || scope === "global", "공지 범위를 골라 주세요."),
});

/**
 * The intents a suspended member may still use: blocking only shields the member from others. Every other intent,
 * and any added later, writes to the board and is refused to them with the reason and end of the suspension.
 */
export const OPEN_TO_SUSPENDED_MEMBERS: ReadonlySet<string> = new Set(["block"]);
/** A member's report of the post, or of one of its comments; a second report of the same item changes nothing. */
const reportIntent = defineIntent(
  reportSchema,
  async ({ reason, detail, commentId }, { db, post, user }: PostIntentContext, refuse, accept) => {
    const detailError = missingDetail({ reason, detail });
    if (detailError) return refuse({ detail: detailError });
    const item: ReportedItem =
      commentId === null ? { kind: "post", postId: post.id } : { kind: "comment", postId: post.id, commentId };
    const outcome = await reportItem(db, { item, reporterId: user.id, reason, detail });
    if (outcome === "not-found") throw notFound(commentId === null ? POST_GONE : COMMENT_GONE);
    if (outcome === "own-item") {
      return refuse({
        form: commentId === null ? "내가 쓴 글은 신고할 수 없습니다." : "내가 쓴 댓글은 신고할 수 없습니다.",
      });
    }
    return accept("신고가 접수되었습니다. 관리자가 확인합니다.");
  },
);

export const postIntents: Record<string, IntentHandler<PostIntentContext>> = {
  report: reportIntent,
  comment: addCommentIntent,
  "delete-comment": deleteCommentIntent,
  delete: deletePostIntent,
  block: blockIntent,
  scrap: postUpdateIntent(noFields, (_input, { db, post, user }) => addScrap(db, user.id, post.id)),
  unscrap: postUpdateIntent(noFields, (_input, { db, post, user }) => removeScrap(db, user.id, post.id)),
  "add-notice": adminOnly(
    postUpdateIntent(noticeScopeSchema, ({ scope }, { db, post, user }) => addNotice(db, post.id, scope, user.id)),
  ),
  "remove-notice": adminOnly(
    postUpdateIntent(noFields, (_input, { db, post, user }) => removeNotice(db, post.id, user.id)),
  ),
};
