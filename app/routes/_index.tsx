import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { ExclusionNotice } from "~/components/ExclusionNotice";
import { NoPostsRow, PostRow } from "~/components/PostRow";
import { getBoardIndex } from "~/models/board-listing.server";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { getReaderExclusions } from "~/models/exclusions.server";
import { FRONT_PAGE_HOT_COUNT, listHotPosts } from "~/models/hot-posts.server";
import { NO_HOT_POSTS } from "~/components/HotList";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta(null);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context, request);
  const [excludedSlugs, blockedAuthorIds] = await Promise.all([
    getReaderExclusions(context.db, request, user),
    readBlockedAuthorIds(context.db, user),
  ]);
  const [index, hot] = await Promise.all([
    getBoardIndex(context.db, excludedSlugs, blockedAuthorIds, user),
    listHotPosts(context.db, {
      page: 1,
      limit: FRONT_PAGE_HOT_COUNT,
      excludedSlugs,
      hiddenAuthorIds: blockedAuthorIds,
    }),
  ]);
  return { ...index, hotPosts: hot.posts, now: Date.now() };
}

export default function BoardIndexPage() {
  const { boards, excludedCategories, hotPosts, now } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="visually-hidden">마당 게시판 모음</h1>
      <ExclusionNotice excluded={excludedCategories} listPath="/" />
      <section className="panel board-index" aria-labelledby="hot-title">
        <h2 id="hot-title" className="board-title">
          <Link to="/hot">HOT</Link>
        </h2>
        <table className="board-table">
          <tbody>
            {hotPosts.map((post) => (
              <PostRow
                key={post.id}
                post={post}
                href={`/${post.boardSlug}/${post.id}`}
                boardName={post.boardName}
                category={post.categoryName}
                now={now}
                compact
              />
            ))}
            {hotPosts.length === 0 ? <NoPostsRow compact message={NO_HOT_POSTS} /> : null}
          </tbody>
        </table>
        <p>
          <Link to="/hot">HOT 더 보기</Link>
        </p>
      </section>
      {boards.map((board) => (
        <section key={board.slug} className="panel board-index" aria-labelledby={`board-${board.slug}`}>
          <h2 id={`board-${board.slug}`} className="board-title">
            <Link to={`/${board.slug}`}>{board.name}</Link>
          </h2>
          {board.description ? <p className="field-hint">{board.description}</p> : null}
          <table className="board-table">
            <tbody>
              {board.posts.map((post) => (
                <PostRow
                  key={post.id}
                  post={post}
                  href={`/${board.slug}/${post.id}`}
                  category={post.categoryName}
                  now={now}
                  compact
                />
              ))}
              {board.posts.length === 0 ? <NoPostsRow compact /> : null}
            </tbody>
          </table>
          <p>
            <Link to={`/${board.slug}`}>{board.name} 더 보기</Link>
          </p>
        </section>
      ))}
    </main>
  );
}
