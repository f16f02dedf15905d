import { Link } from "@remix-run/react";
import { CategoryTabs } from "./CategoryTabs";
import { ExclusionNotice } from "./ExclusionNotice";
import { NoticeBadge } from "./NoticeBadge";
import { Pagination } from "./Pagination";
import { PostTableHead } from "./PostTableHead";
import { NoPostsRow, PostRow } from "./PostRow";
import { listSearch, type ListPosition } from "~/lib/list-url";
import type { Blinding } from "~/models/blinding";

export interface ListedPost {
  id: number;
  title: string;
  createdAt: number;
  viewCount: number;
  commentCount: number;
  categoryName: string | null;
  blinding: Blinding;
}

interface ListedNotice extends ListedPost {
  boardSlug: string;
  noticeBadge: string | null;
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
    /** Posts of this page left out because the reader blocked their authors. */
    hiddenCount: number;
    page: number;
    pageCount: number;
  };
  showAllNotices: boolean;
  now: number;
  currentPostId?: number;
}

export function BoardList({ boardSlug, categories, listing, showAllNotices, now, currentPostId }: BoardListProps) {
  const position: ListPosition = { category: listing.category?.slug ?? null, page: listing.page };
  const boardPath = `/${boardSlug}`;
  const postSearch = listSearch(position);
  const collapsedNoticeCount = listing.noticeTotal - listing.notices.length;

  return (
    <section aria-labelledby="board-list-title" className="board-list">
      <h2 id="board-list-title" className="visually-hidden">
        글 목록
      </h2>
      <ExclusionNotice excluded={listing.excludedCategories} listPath={boardPath} />
      <CategoryTabs
        categories={categories}
        current={listing.category?.slug ?? null}
        href={(category) => (category ? `${boardPath}${listSearch({ category, page: 1 })}` : boardPath)}
      />
      <table className="board-table">
        <PostTableHead />
        <tbody>
          {listing.notices.map((notice) => (
            <PostRow
              key={`notice-${notice.id}`}
              className="notice-row"
              post={notice}
              href={`/${notice.boardSlug}/${notice.id}`}
              marker={<NoticeBadge badge={notice.noticeBadge} />}
              category={notice.noticeBadge ? null : notice.categoryName}
              now={now}
            />
          ))}
          {listing.noticeTotal > 0 && (collapsedNoticeCount > 0 || showAllNotices) ? (
            <tr className="notice-toggle">
              <td colSpan={5}>
                {collapsedNoticeCount > 0 ? (
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
            <PostRow
              key={post.id}
              className={post.id === currentPostId ? "current-row" : undefined}
              post={post}
              href={`${boardPath}/${post.id}${postSearch}`}
              marker={post.id}
              category={post.categoryName}
              now={now}
              current={post.id === currentPostId}
            />
          ))}
          {listing.hiddenCount > 0 ? (
            <tr className="hidden-posts-row">
              <td colSpan={5}>
                차단한 사용자의 글 {listing.hiddenCount}개를 숨겼습니다. <Link to="/settings/blocks">차단 목록</Link>
              </td>
            </tr>
          ) : listing.posts.length === 0 ? (
            <NoPostsRow />
          ) : null}
        </tbody>
      </table>
      <Pagination
        page={listing.page}
        pageCount={listing.pageCount}
        href={(page) => `${boardPath}${listSearch({ ...position, page })}`}
      />
    </section>
  );
}
