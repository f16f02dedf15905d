import { Link } from "@remix-run/react";
import { CommentCount } from "./CommentCount";
import { ExclusionNotice } from "./ExclusionNotice";
import { formatCount, formatListDate, isoDate } from "~/lib/format";
import { listSearch, pageWindow, type ListPosition } from "~/lib/list-url";

interface ListedPost {
  id: number;
  title: string;
  createdAt: number;
  viewCount: number;
  commentCount: number;
  categorySlug: string | null;
  categoryName: string | null;
}

interface ListedNotice extends ListedPost {
  boardSlug: string;
}

export interface BoardListProps {
  boardSlug: string;
  categories: { slug: string; name: string }[];
  listing: {
    category: { slug: string; name: string } | null;
    excludedCategories: { slug: string; name: string }[];
    notices: ListedNotice[];
    noticeTotal: number;
    posts: ListedPost[];
    page: number;
    pageCount: number;
  };
  showAllNotices: boolean;
  now: number;
  currentPostId?: number;
}

const EVENT_CATEGORY_SLUG = "event";

export function BoardList({ boardSlug, categories, listing, showAllNotices, now, currentPostId }: BoardListProps) {
  const position: ListPosition = { category: listing.category?.slug ?? null, page: listing.page };
  const boardPath = `/${boardSlug}`;
  const postSearch = listSearch(position);
  const hiddenNotices = listing.noticeTotal - listing.notices.length;

  return (
    <section aria-labelledby="board-list-title" className="board-list">
      <h2 id="board-list-title" className="visually-hidden">
        글 목록
      </h2>
      <ExclusionNotice excluded={listing.excludedCategories} listPath={boardPath} />
      <ul className="category-tabs" aria-label="카테고리">
        <li>
          <Link to={boardPath} aria-current={listing.category ? undefined : "page"} prefetch="intent">
            전체
          </Link>
        </li>
        {categories.map((c) => (
          <li key={c.slug}>
            <Link
              to={`${boardPath}${listSearch({ category: c.slug, page: 1 })}`}
              aria-current={listing.category?.slug === c.slug ? "page" : undefined}
              prefetch="intent"
            >
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
      <table className="board-table">
        <thead>
          <tr>
            <th scope="col" className="col-no">
              번호
            </th>
            <th scope="col" className="col-category">
              카테고리
            </th>
            <th scope="col" className="col-title">
              제목
            </th>
            <th scope="col" className="col-date">
              날짜
            </th>
            <th scope="col" className="col-views">
              조회
            </th>
          </tr>
        </thead>
        <tbody>
          {listing.notices.map((notice) => (
            <tr key={`notice-${notice.id}`} className="notice-row">
              <td className="col-no">
                <span className={notice.categorySlug === EVENT_CATEGORY_SLUG ? "badge badge--event" : "badge"}>
                  {notice.categorySlug === EVENT_CATEGORY_SLUG ? "이벤트" : "공지"}
                </span>
              </td>
              <td className="col-category">{notice.categorySlug === EVENT_CATEGORY_SLUG ? "" : notice.categoryName}</td>
              <td className="col-title">
                <Link to={`/${notice.boardSlug}/${notice.id}`}>{notice.title}</Link>
                <CommentCount count={notice.commentCount} />
              </td>
              <td className="col-date">
                <time dateTime={isoDate(notice.createdAt)}>{formatListDate(notice.createdAt, now)}</time>
              </td>
              <td className="col-views">{formatCount(notice.viewCount)}</td>
            </tr>
          ))}
          {listing.noticeTotal > 0 && (hiddenNotices > 0 || showAllNotices) ? (
            <tr className="notice-toggle">
              <td colSpan={5}>
                {hiddenNotices > 0 ? (
                  <Link to={`${boardPath}${listSearch(position, { notices: "all" })}`} preventScrollReset>
                    모든 공지 확인하기({listing.noticeTotal})
                  </Link>
                ) : (
                  <Link to={`${boardPath}${listSearch(position)}`} preventScrollReset>
                    공지 접기
                  </Link>
                )}
              </td>
            </tr>
          ) : null}
          {listing.posts.map((post) => (
            <tr key={post.id} className={post.id === currentPostId ? "current-row" : undefined}>
              <td className="col-no">{post.id}</td>
              <td className="col-category">{post.categoryName}</td>
              <td className="col-title">
                <Link
                  to={`${boardPath}/${post.id}${postSearch}`}
                  aria-current={post.id === currentPostId ? "page" : undefined}
                >
                  {post.title}
                </Link>
                <CommentCount count={post.commentCount} />
              </td>
              <td className="col-date">
                <time dateTime={isoDate(post.createdAt)}>{formatListDate(post.createdAt, now)}</time>
              </td>
              <td className="col-views">{formatCount(post.viewCount)}</td>
            </tr>
          ))}
          {listing.posts.length === 0 ? (
            <tr className="empty-row">
              <td colSpan={5}>아직 글이 없습니다.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <Pagination boardPath={boardPath} position={position} pageCount={listing.pageCount} />
    </section>
  );
}

function Pagination({
  boardPath,
  position,
  pageCount,
}: {
  boardPath: string;
  position: ListPosition;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  const pages = pageWindow(position.page, pageCount);
  const href = (page: number) => `${boardPath}${listSearch({ ...position, page })}`;
  return (
    <nav aria-label="페이지">
      <ul className="pagination">
        {pages[0] > 1 ? (
          <>
            <li>
              <Link to={href(1)}>처음</Link>
            </li>
            <li>
              <Link to={href(pages[0] - 1)}>이전</Link>
            </li>
          </>
        ) : null}
        {pages.map((page) => (
          <li key={page}>
            {page === position.page ? <span aria-current="page">{page}</span> : <Link to={href(page)}>{page}</Link>}
          </li>
        ))}
        {pages[pages.length - 1] < pageCount ? (
          <>
            <li>
              <Link to={href(pages[pages.length - 1] + 1)}>다음</Link>
            </li>
            <li>
              <Link to={href(pageCount)}>마지막</Link>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}
