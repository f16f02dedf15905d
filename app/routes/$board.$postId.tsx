import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { assertNotSuspended, suspensionNoticeFor } from "~/auth/active-member.server";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { CommentSection } from "~/components/CommentSection";
import { PostArticle } from "~/components/PostArticle";
import { PostViewImage } from "~/components/PostViewImage";
import { openedForms, POST_REPORT } from "~/lib/comment-forms";
import { parseShownComments } from "~/lib/comment-query";
import { readForm } from "~/lib/form-submission.server";
import { formFields } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { runIntent } from "~/lib/intents.server";
import { listSearch } from "~/lib/list-url";
import { articleMeta, pageMeta } from "~/lib/page-meta";
import { postShareCard } from "~/lib/share-card.server";
import { keepRetryAfter } from "~/lib/retry-after";
import { assertSameOrigin } from "~/lib/origin.server";
import { COMMENT_FORM_MAX_BYTES } from "~/lib/input-limits";
import { BLOCKED_PARAM, OPEN_TO_SUSPENDED_MEMBERS, POST_GONE, postIntents } from "~/actions/post-intents.server";
import { BlockStatus } from "~/components/BlockButton";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { getBoardListForReader } from "~/models/board-listing.server";
import { getBoardBySlug } from "~/models/boards.server";
import { commentContextFor, listCommentThreads } from "~/models/comments.server";
import { authorNameFor, canModify, canReport, isAdmin, memberAdminHref } from "~/models/permissions";
import { presentPostContent } from "~/models/blinding";
import { isHotPost } from "~/models/hot-ranking.server";
import { getPost } from "~/models/posts.server";
import { hasScrapped } from "~/models/scraps.server";
import { readerCookieToIssue } from "~/models/views.server";

export const headers = keepRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? articleMeta(`${data.post.title} - ${data.board.name}`, data.share) : pageMeta(null);

async function loadPost({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const postId = parseId(params.postId);
  const post = postId === null ? null : await getPost(context.db, postId);
  if (!post) throw notFound(POST_GONE);
  return post;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const post = await loadPost({ params, context });
  const url = new URL(request.url);
  if (post.boardSlug !== params.board) throw redirect(`/${post.boardSlug}/${post.id}${url.search}`, 301);

  const user = await getSessionUser(context, request);
  const [board, blockedAuthorIds] = await Promise.all([
    getBoardBySlug(db, post.boardSlug),
    readBlockedAuthorIds(db, user),
  ]);
  if (!board) throw notFound("없는 게시판입니다.");
  // Notices are for everyone, so a block never folds one (nor hides it from the lists).
  const authorBlocked = blockedAuthorIds.has(post.authorId) && post.noticeScope === "none";
  // The view is counted by the image the page shows (PostViewImage), so the page is the same for every reader; a
  // logged-out reader gets the signed cookie that image request then carries.
  const readerCookie = user ? null : await readerCookieToIssue(db, request);
  const content = presentPostContent(post, user);
  const hidden = content.blinding === "hidden";
  const [list, comments, scrapped, suspensionNotice, hot] = await Promise.all([
    getBoardListForReader(db, board, request, { user, blockedAuthorIds }),
    // A blinded post's comments are not sent to those who may not read it.
    hidden
      ? { threads: [], hasMore: false }
      : listCommentThreads(db, commentContextFor(post, user, blockedAuthorIds), {
          limit: parseShownComments(url.searchParams.get("comments")),
        }),
    user ? hasScrapped(db, user.id, post.id) : false,
    suspensionNoticeFor(db, user),
    isHotPost(db, post.id),
  ]);
  return data(
    {
      post: {
        id: post.id,
        ...content,
        categoryName: post.categoryName,
        viewCount: post.viewCount,
        commentCount: post.commentCount,
        scrapCount: post.scrapCount,
        noticeScope: post.noticeScope,
        createdAt: post.createdAt,
        hot,
        authorName: authorNameFor({ isAnonymous: post.isAnonymous === 1 }, post.authorUsername, user),
        // Shown folded, with a notice: the reader came to it on purpose (a link, an old tab).
        authorBlocked,
        authorAdminHref: memberAdminHref(user, post.authorUsername),
      },
      reader: {
        loggedIn: user !== null,
        isAdmin: isAdmin(user),
        canEdit: canModify(user, post.authorId),
        canBlock: user !== null && user.id !== post.authorId && !blockedAuthorIds.has(post.authorId),
        // Changes with each new block, so the comments shown are replaced by the reloaded ones.
        blockCount: blockedAuthorIds.size,
        // Still offered once blinded, so the form that blinded it stays on the page with its confirmation.
        canReport: canReport(user, post.authorId),
        scrapped,
        suspensionNotice,
      },
      justBlocked: url.searchParams.get(BLOCKED_PARAM) === "1",
      board: { slug: board.slug, name: board.name },
      share: postShareCard(post, board.name, url.origin),
      list,
      comments,
      opened: openedForms(url.searchParams, comments.threads),
    },
    { headers: readerCookie ? { "Set-Cookie": readerCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { db } = context;
  const post = await loadPost({ params, context });
  if (post.boardSlug !== params.board) throw notFound(POST_GONE);
  const form = await readForm(request, COMMENT_FORM_MAX_BYTES);
  const user = await requireUser(context, request);
  // A suspended member is refused before any intent runs, but those that only protect the member themself.
  if (!OPEN_TO_SUSPENDED_MEMBERS.has(formFields(form).intent ?? "")) await assertNotSuspended(db, user);
  return runIntent(postIntents, form, { db, post, postPath: `/${post.boardSlug}/${post.id}`, user });
}

export default function PostPage() {
  const { post, reader, board, list, comments, justBlocked, opened } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const report = result?.intent === "report" ? result : undefined;
  const listHref = `/${board.slug}${listSearch({ category: list.listing.category?.slug ?? null, page: list.listing.page })}`;
  return (
    <main>
      <BlockStatus postId={post.id} justBlocked={justBlocked} refused={result} />
      <PostArticle
        post={post}
        reader={reader}
        boardSlug={board.slug}
        listHref={listHref}
        noticeError={result?.intent === "add-notice" ? result.fieldErrors.scope : undefined}
        report={report?.values.commentId ? undefined : report}
        reportOpened={opened.report === POST_REPORT}
      />
      {post.blinding === "hidden" ? null : (
        <CommentSection
          key={`${post.id}-${reader.blockCount}`}
          boardSlug={board.slug}
          postId={post.id}
          commentCount={post.commentCount}
          initial={comments}
          loggedIn={reader.loggedIn}
          suspensionNotice={reader.suspensionNotice}
          failedComment={result?.intent === "comment" ? result : undefined}
          report={report?.values.commentId ? report : undefined}
          opened={opened}
        />
      )}
      <BoardList {...list} currentPostId={post.id} />
      <PostViewImage boardSlug={board.slug} postId={post.id} />
    </main>
  );
}
