import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { Pagination } from "~/components/Pagination";
import { NoPostsRow, PostRow } from "~/components/PostRow";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { parsePageNumber } from "~/lib/list-url";
import { listMyComments, listMyPosts } from "~/models/my-items.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("내 정보", "내가 쓴 글과 댓글을 모아 봅니다.");

const COMMENTS_TAB = "comments";

/** Logged out: to the login page, which comes back here. Only ever the session's own member's items. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const url = new URL(request.url);
  const page = parsePageNumber(url.searchParams.get("page"));
  const username = user.username;
  if (url.searchParams.get("tab") === COMMENTS_TAB) {
    return { tab: "comments" as const, username, ...(await listMyComments(context.db, user, page)), now: Date.now() };
  }
  return { tab: "posts" as const, username, ...(await listMyPosts(context.db, user, page)), now: Date.now() };
}

function AnonymousBadge() {
  return (
    <span className="badge badge--anonymous" title="익명 게시판이라 다른 사람에게는 이름이 보이지 않습니다">
      익명
    </span>
  );
}

export default function MyPage() {
  const data = useLoaderData<typeof loader>();
  const tabPath = data.tab === "comments" ? `/me?tab=${COMMENTS_TAB}` : "/me";
  const pageHref = (p: number) => (p > 1 ? `${tabPath}${data.tab === "comments" ? "&" : "?"}page=${p}` : tabPath);
  return (
    <main>
      <h1 className="board-title">{data.username}님의 마당</h1>
      <nav aria-label="내 정보" className="board-actions">
        <Link to="/scraps">스크랩</Link>
        <Link to="/settings/blocks">차단 목록</Link>
        <Link to="/settings/filters">카테고리 숨기기</Link>
        <Link to="/settings/password">설정</Link>
      </nav>
      <nav aria-label="내가 쓴 것" className="category-tabs">
        <Link to="/me" aria-current={data.tab === "posts" ? "page" : undefined}>
          내 글
        </Link>
        <Link to={`/me?tab=${COMMENTS_TAB}`} aria-current={data.tab === "comments" ? "page" : undefined}>
          내 댓글
        </Link>
      </nav>
      <p className="status-line">
        {data.tab === "comments" ? "쓴 댓글" : "쓴 글"} {formatCount(data.total)}개
      </p>
      {data.tab === "posts" ? (
        <table className="board-table">
          <tbody>
            {data.posts.map((post) => (
              <PostRow
                key={post.id}
                post={post}
                href={`/${post.boardSlug}/${post.id}`}
                boardName={post.boardName}
                category={post.categoryName}
                marker={post.isAnonymous ? <AnonymousBadge /> : null}
                now={data.now}
              />
            ))}
            {data.posts.length === 0 ? <NoPostsRow message="아직 쓴 글이 없습니다." /> : null}
          </tbody>
        </table>
      ) : (
        <ol className="my-comments">
          {data.comments.map((comment) => (
            <li key={comment.id} className="panel">
              <div className="post-meta">
                <span>{comment.boardName}</span>
                {comment.isAnonymous ? <AnonymousBadge /> : null}
                <time dateTime={isoDate(comment.createdAt)}>{formatFullDate(comment.createdAt)}</time>
              </div>
              <p className={comment.blinding === "shown" ? "blinded-text" : undefined}>
                <Link to={comment.href}>{comment.excerpt}</Link>
                {comment.blinding === "shown" ? <span className="badge badge--blinded">블라인드</span> : null}
              </p>
              <p className="field-hint">
                글: <Link to={`/${comment.boardSlug}/${comment.postId}`}>{comment.postTitle}</Link>
              </p>
            </li>
          ))}
          {data.comments.length === 0 ? <li className="empty-row">아직 쓴 댓글이 없습니다.</li> : null}
        </ol>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} href={pageHref} />
    </main>
  );
}
