import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getClientAddress } from "~/auth/client-address.server";
import { getSessionUser, requireAdmin, requireUser, type SessionUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { CommentSection } from "~/components/CommentSection";
import { PostArticle } from "~/components/PostArticle";
import { COMMENTS_PER_PAGE, parseShownComments } from "~/lib/comment-query";
import { parseForm, readForm } from "~/lib/form-submission.server";
import { formFields } from "~/lib/forms";
import { forbidden, notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { listSearch } from "~/lib/list-url";
import { assertSameOrigin } from "~/lib/origin.server";
import { COMMENT_FORM_MAX_BYTES } from "~/lib/input-limits";
import { commentSchema } from "~/lib/post-schemas.server";
import { getBoardListForReader } from "~/models/board-listing.server";
import { getBoardBySlug } from "~/models/boards.server";
import {
  addComment,
  ANONYMOUS_NAME,
  commentContextFor,
  countThreadsThrough,
  deleteComment,
  findThreadId,
  listCommentThreads,
} from "~/models/comments.server";
import { addNotice, removeNotice } from "~/models/notices.server";
import { deletePost, getPost } from "~/models/posts.server";
import { addScrap, hasScrapped, removeScrap } from "~/models/scraps.server";
import { countPostView } from "~/models/views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.post.title} - ${data.board.name} - 마당` : "마당" },
];

async function loadPost({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const postId = parseId(params.postId);
  const post = postId === null ? null : await getPost(context.db, postId);
  if (!post) throw notFound("없는 글이거나 삭제된 글입니다.");
  return post;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const post = await loadPost({ params, context });
  const url = new URL(request.url);
  if (post.boardSlug !== params.board) throw redirect(`/${post.boardSlug}/${post.id}${url.search}`, 301);

  const user = await getSessionUser(db, request);
  const board = await getBoardBySlug(db, post.boardSlug);
  if (!board) throw notFound("없는 게시판입니다.");
  const view = await countPostView(db, {
    postId: post.id,
    authorId: post.authorId,
    readerUserId: user?.id ?? null,
    request,
    clientAddress: getClientAddress(request, context),
  });
  const [list, comments, scrapped] = await Promise.all([
    getBoardListForReader(db, board, request, user),
    listCommentThreads(db, commentContextFor(post, user), {
      limit: parseShownComments(url.searchParams.get("comments")),
    }),
    user ? hasScrapped(db, user.id, post.id) : false,
  ]);
  const isAdmin = user?.role === "admin";
  return data(
    {
      post: {
        id: post.id,
        title: post.title,
        bodyHtml: post.bodyHtml,
        categoryName: post.categoryName,
        viewCount: post.viewCount + (view.counted ? 1 : 0),
        commentCount: post.commentCount,
        scrapCount: post.scrapCount,
        noticeScope: post.noticeScope,
        createdAt: post.createdAt,
        authorName: board.isAnonymous && !isAdmin ? ANONYMOUS_NAME : post.authorUsername,
      },
      viewer: {
        loggedIn: user !== null,
        isAdmin,
        canEdit: user !== null && (isAdmin || user.id === post.authorId),
        scrapped,
      },
      board: { slug: board.slug, name: board.name },
      list,
      comments,
    },
    { headers: view.setCookie ? { "Set-Cookie": view.setCookie } : undefined },
  );
}

const editorOf = (user: SessionUser) => ({ id: user.id, isAdmin: user.role === "admin" });

/** Back to the post with enough threads shown (`?comments=N`) for this comment to be on the page. */
async function redirectToComment(
  db: AppLoadContext["db"],
  postPath: string,
  postId: number,
  threadId: number,
  commentId: number,
) {
  const shown = await countThreadsThrough(db, postId, threadId);
  const comments = Math.ceil(shown / COMMENTS_PER_PAGE) * COMMENTS_PER_PAGE;
  return redirect(`${postPath}?comments=${comments}#comment-${commentId}`, 303);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { db } = context;
  const post = await loadPost({ params, context });
  if (post.boardSlug !== params.board) throw notFound("없는 글이거나 삭제된 글입니다.");
  const postPath = `/${post.boardSlug}/${post.id}`;
  const form = await readForm(request, COMMENT_FORM_MAX_BYTES);
  const fields = formFields(form);
  const user = await requireUser(db, request);

  switch (fields.intent) {
    case "comment": {
      const parsed = parseForm(commentSchema, form);
      const values = { body: fields.body ?? "", parentId: fields.parentId ?? "" };
      if (!parsed.ok) return data({ intent: "comment" as const, values, fieldErrors: parsed.fieldErrors }, 400);
      const added = await addComment(db, { postId: post.id, authorId: user.id, ...parsed.data });
      if (!added.ok) {
        if (added.reason === "post-not-found") throw notFound("없는 글이거나 삭제된 글입니다.");
        const fieldErrors = { body: "답글을 달 댓글이 없거나 삭제되었습니다." };
        return data({ intent: "comment" as const, values, fieldErrors }, 400);
      }
      return redirectToComment(db, postPath, post.id, added.threadId, added.commentId);
    }
    case "delete-comment": {
      const commentId = parseId(fields.commentId);
      const outcome =
        commentId === null
          ? "not-found"
          : await deleteComment(db, { postId: post.id, commentId, editor: editorOf(user) });
      if (outcome === "not-found" || commentId === null) throw notFound("없는 댓글이거나 이미 삭제된 댓글입니다.");
      if (outcome === "forbidden") throw forbidden("댓글을 쓴 사람이나 관리자만 지울 수 있습니다.");
      // The deleted comment stays in place, so the reader returns to it rather than to the first page of threads.
      const threadId = (await findThreadId(db, post.id, commentId)) ?? commentId;
      return redirectToComment(db, postPath, post.id, threadId, commentId);
    }
    case "delete": {
      const outcome = await deletePost(db, post.id, editorOf(user));
      if (outcome === "not-found") throw notFound("없는 글이거나 이미 삭제된 글입니다.");
      if (outcome === "forbidden") throw forbidden("글쓴이나 관리자만 지울 수 있습니다.");
      return redirect(`/${post.boardSlug}`, 303);
    }
    case "scrap":
    case "unscrap": {
      const result =
        fields.intent === "scrap" ? await addScrap(db, user.id, post.id) : await removeScrap(db, user.id, post.id);
      if (!result) throw notFound("없는 글이거나 삭제된 글입니다.");
      return redirect(postPath, 303);
    }
    case "pin":
    case "unpin": {
      await requireAdmin(db, request);
      if (fields.intent === "pin" && fields.scope !== "board" && fields.scope !== "global") {
        return data({ intent: "pin" as const, values: {}, fieldErrors: { scope: "공지 범위를 골라 주세요." } }, 400);
      }
      const done =
        fields.intent === "pin"
          ? await addNotice(db, post.id, fields.scope as "board" | "global")
          : await removeNotice(db, post.id);
      if (!done) throw notFound("없는 글이거나 삭제된 글입니다.");
      return redirect(postPath, 303);
    }
    default:
      return data({ intent: "unknown" as const, values: {}, fieldErrors: { form: "알 수 없는 요청입니다." } }, 400);
  }
}

export default function PostPage() {
  const { post, viewer, board, list, comments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const listHref = `/${board.slug}${listSearch({ category: list.listing.category?.slug ?? null, page: list.listing.page })}`;
  return (
    <main>
      <PostArticle
        post={post}
        viewer={viewer}
        boardSlug={board.slug}
        listHref={listHref}
        pinError={result?.intent === "pin" ? result.fieldErrors.scope : undefined}
      />
      <CommentSection
        key={post.id}
        boardSlug={board.slug}
        postId={post.id}
        commentCount={post.commentCount}
        initial={comments}
        loggedIn={viewer.loggedIn}
        failedComment={result?.intent === "comment" ? result : undefined}
      />
      <BoardList {...list} currentPostId={post.id} />
    </main>
  );
}
