import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { BLINDED_POST_TEXT, blindingFor } from "~/models/blinding";
import { commentContextFor, listCommentsSince, listCommentThreads } from "~/models/comments.server";
import { getPost } from "~/models/posts.server";

/**
 * Comments for in-place loading: `?after=<id>` the next threads ("댓글 더 보기"),
 * `?since=<id>` everything newer than what the reader has ("새 댓글 확인하기").
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const postId = parseId(params.postId);
  const post = postId === null ? null : await getPost(db, postId);
  if (!post || post.boardSlug !== params.board) throw notFound("없는 글이거나 삭제된 글입니다.");
  const user = await getSessionUser(context, request);
  // A blinded post's comments reach only its author and admins, as on its page.
  if (blindingFor(user, post) === "hidden") throw notFound(BLINDED_POST_TEXT);
  const commentContext = commentContextFor(post, user, await readBlockedAuthorIds(db, user));
  const url = new URL(request.url);
  const since = url.searchParams.get("since");
  if (since !== null) {
    const comments = await listCommentsSince(db, commentContext, parseId(since) ?? 0);
    return { kind: "since" as const, comments, commentCount: post.commentCount };
  }
  const page = await listCommentThreads(db, commentContext, {
    afterId: parseId(url.searchParams.get("after") ?? "") ?? 0,
  });
  return { kind: "after" as const, ...page, commentCount: post.commentCount };
}
