import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { commentHref } from "~/lib/comment-query";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { countThreadsThrough } from "~/models/comments.server";
import { openNotification } from "~/models/notification-inbox.server";

// Opening a notification: marks it read, then leads straight to its comment (on the comment page that shows it) or
// post. A plain link, so it works without JavaScript; the member's own notifications only.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const id = parseId(params.notificationId);
  const target = id === null ? null : await openNotification(context.db, user.id, id);
  if (!target) throw notFound("없는 알림입니다.");
  const postPath = `/${target.boardSlug}/${target.postId}`;
  if (target.comment === null) return redirect(postPath);
  const shown = await countThreadsThrough(context.db, target.postId, target.comment.threadId);
  return redirect(commentHref(postPath, shown, target.comment.id));
}
