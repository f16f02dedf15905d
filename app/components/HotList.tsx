import type { ListedPost } from "./BoardList";
import { ExclusionNotice } from "./ExclusionNotice";
import { Pagination } from "./Pagination";
import { PostTableHead } from "./PostTableHead";
import { NoPostsRow, PostRow } from "./PostRow";

interface HotListProps {
  posts: (Omit<ListedPost, "blinding"> & { boardSlug: string; boardName: string })[];
  page: number;
  pageCount: number;
  /** The place of the page's first row among the rows this reader sees. */
  firstPlace: number;
  excludedCategories: { slug: string; name: string }[];
  now: number;
  /** The list's path: "/hot" or "/<board>/hot". */
  listPath: string;
}

export const NO_HOT_POSTS = "지난 24시간 동안 HOT 글이 없습니다.";

/** A page of the HOT ranking: rows like the board list's, numbered by place, each with its board's name. */
export function HotList({ posts, page, pageCount, firstPlace, excludedCategories, now, listPath }: HotListProps) {
  return (
    <section aria-labelledby="hot-list-title" className="board-list">
      <h2 id="hot-list-title" className="visually-hidden">
        HOT 글 목록
      </h2>
      <ExclusionNotice excluded={excludedCategories} listPath={listPath} />
      <table className="board-table">
        <PostTableHead numberLabel="순위" placeLabel="게시판" />
        <tbody>
          {posts.map((post, index) => (
            <PostRow
              key={post.id}
              post={post}
              href={`/${post.boardSlug}/${post.id}`}
              marker={firstPlace + index}
              boardName={post.boardName}
              category={post.categoryName}
              now={now}
            />
          ))}
          {posts.length === 0 ? <NoPostsRow message={NO_HOT_POSTS} /> : null}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} href={(p) => (p > 1 ? `${listPath}?page=${p}` : listPath)} />
    </section>
  );
}
