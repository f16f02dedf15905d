import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { CommentSection } from "~/components/CommentSection";
import { parseShownComments } from "~/lib/comment-query";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { notFound, parseId } from "~/lib/http.server";
import { listSearch } from "~/lib/list-url";
import { getBoardListing, parseBoardListingQuery } from "~/models/board-listing.server";
import { ANONYMOUS_NAME, commentContextFor, listCommentThreads } from "~/models/comments.server";
import { getBoardBySlug } from "~/models/boards.server";
import { getPost } from "~/models/posts.server";
import { countPostView } from "~/models/views.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.post.title} - ${data.board.name} - 마당` : "마당" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const postId = parseId(params.postId);
  const post = postId === null ? null : await getPost(db, postId);
  if (!post) throw notFound("없는 글이거나 삭제된 글입니다.");
  const url = new URL(request.url);
  if (post.boardSlug !== params.board) throw redirect(`/${post.boardSlug}/${post.id}${url.search}`, 301);

  const user = await getSessionUser(db, request);
  const board = await getBoardBySlug(db, post.boardSlug);
  if (!board) throw notFound("없는 게시판입니다.");
  const query = parseBoardListingQuery(url.searchParams);
  const commentContext = commentContextFor(post, user);
  const view = await countPostView(db, {
    postId: post.id,
    authorId: post.authorId,
    viewerUserId: user?.id ?? null,
    request,
    clientAddress: context.clientAddress,
  });
  const [listing, comments] = await Promise.all([
    getBoardListing(db, board, { ...query, categorySlug: board.categories.some((c) => c.slug === query.categorySlug) ? query.categorySlug : null }),
    listCommentThreads(db, commentContext, { limit: parseShownComments(url.searchParams.get("comments")) }),
  ]);
  const isAuthorOrAdmin = user !== null && (user.id === post.authorId || user.role === "admin");
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
        createdAt: post.createdAt,
        authorName: board.isAnonymous && user?.role !== "admin" ? ANONYMOUS_NAME : post.authorUsername,
        canEdit: isAuthorOrAdmin,
      },
      board: { slug: board.slug, name: board.name },
      categories: board.categories.map((c) => ({ slug: c.slug, name: c.name })),
      listing,
      showAllNotices: query.showAllNotices,
      comments,
      now: Date.now(),
    },
    { headers: view.setCookie ? { "Set-Cookie": view.setCookie } : undefined },
  );
}

export default function PostPage() {
  const { post, board, categories, listing, showAllNotices, comments, now } = useLoaderData<typeof loader>();
  const listHref = `/${board.slug}${listSearch({ category: listing.category?.slug ?? null, page: listing.page })}`;
  return (
    <main>
      <article className="panel post">
        <header className="post-header">
          {post.categoryName ? <span className="post-category">{post.categoryName}</span> : null}
          <h1>{post.title}</h1>
          <div className="post-meta">
            <span>{post.authorName}</span>
            <span>조회 {formatCount(post.viewCount)}</span>
            <span>댓글 {formatCount(post.commentCount)}</span>
            <time dateTime={isoDate(post.createdAt)}>{formatFullDate(post.createdAt)}</time>
          </div>
        </header>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <footer className="post-footer">
          <Link to={listHref} className="button">
            목록
          </Link>
          <span className="button" aria-label={`스크랩 ${post.scrapCount}회`}>
            스크랩 ({formatCount(post.scrapCount)})
          </span>
        </footer>
      </article>
      <CommentSection
        key={post.id}
        boardSlug={board.slug}
        postId={post.id}
        commentCount={post.commentCount}
        initial={comments}
      />
      <BoardList
        boardSlug={board.slug}
        categories={categories}
        listing={listing}
        showAllNotices={showAllNotices}
        now={now}
        currentPostId={post.id}
      />
    </main>
  );
}
