import { Link } from "@remix-run/react";
import { MarkedText } from "./MarkedText";
import { NoPostsRow, PostRow } from "./PostRow";
import { PostTableHead } from "./PostTableHead";
import { formatCount } from "~/lib/format";
import type { TextPiece } from "~/lib/search-text";

interface SearchResult {
  id: number;
  key: number;
  title: string;
  titlePieces: TextPiece[];
  snippet: TextPiece[];
  snippetIsComment: boolean;
  createdAt: number;
  viewCount: number;
  commentCount: number;
  categoryName: string | null;
  boardSlug: string;
  boardName: string;
}

export interface SearchResultsProps {
  results: SearchResult[];
  total: number;
  totalCapped: boolean;
  /** Site-wide results name their board. */
  showBoard: boolean;
  /** Addresses of the first page (when not on it) and of the next (when there is one). */
  firstHref: string | null;
  nextHref: string | null;
  now: number;
}

/** Search results as list rows, the matched words marked in the title and in a snippet of the body or comment. */
export function SearchResults({
  results,
  total,
  totalCapped,
  showBoard,
  firstHref,
  nextHref,
  now,
}: SearchResultsProps) {
  return (
    <section aria-labelledby="search-results-title" className="board-list">
      <h2 id="search-results-title" className="status-line" aria-live="polite">
        검색 결과 {formatCount(total)}
        {totalCapped ? "+" : ""}개
      </h2>
      <table className="board-table">
        <PostTableHead />
        <tbody>
          {results.map((result) => (
            <PostRow
              key={result.key}
              post={result}
              href={`/${result.boardSlug}/${result.id}`}
              marker={result.id}
              category={result.categoryName}
              boardName={showBoard ? result.boardName : undefined}
              now={now}
              title={<MarkedText pieces={result.titlePieces} />}
              detail={
                result.snippet.length > 0 ? (
                  result.snippetIsComment ? (
                    <blockquote className="search-snippet search-snippet--comment">
                      <span className="visually-hidden">댓글: </span>
                      <MarkedText pieces={result.snippet} />
                    </blockquote>
                  ) : (
                    <p className="search-snippet">
                      <MarkedText pieces={result.snippet} />
                    </p>
                  )
                ) : null
              }
            />
          ))}
          {results.length === 0 ? <NoPostsRow message="검색 결과가 없습니다." /> : null}
        </tbody>
      </table>
      {firstHref || nextHref ? (
        <nav aria-label="페이지">
          <ul className="pagination">
            {firstHref ? (
              <li>
                <Link to={firstHref}>처음</Link>
              </li>
            ) : null}
            {nextHref ? (
              <li>
                <Link to={nextHref}>다음</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
