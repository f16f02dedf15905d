import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { ExclusionNotice } from "~/components/ExclusionNotice";
import { NoPostsRow, PostRow } from "~/components/PostRow";
import { getBoardIndex } from "~/models/board-listing.server";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { getReaderExclusions } from "~/models/exclusions.server";

export const meta: MetaFunction = () => [{ title: "마당" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context.db, request);
  const [excludedSlugs, blockedAuthorIds] = await Promise.all([
    getReaderExclusions(context.db, request, user),
    readBlockedAuthorIds(context.db, user),
  ]);
  return { ...(await getBoardIndex(context.db, excludedSlugs, blockedAuthorIds, user)), now: Date.now() };
}

export default function BoardIndexPage() {
  const { boards, excludedCategories, now } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="visually-hidden">마당 게시판 모음</h1>
      <ExclusionNotice excluded={excludedCategories} listPath="/" />
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
