import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { FilterNotice } from "~/components/FilterNotice";
import { notFound } from "~/lib/http.server";
import { getBoardListing, parseBoardListingQuery } from "~/models/board-listing.server";
import { getBoardBySlug } from "~/models/boards.server";
import { getReaderExclusions } from "~/models/filters.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.listing.category?.name ?? data.board.name} - 마당` : "마당" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await getBoardBySlug(context.db, params.board ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const query = parseBoardListingQuery(new URL(request.url).searchParams);
  if (query.categorySlug && !board.categories.some((c) => c.slug === query.categorySlug)) {
    throw notFound("없는 카테고리입니다.");
  }
  const user = await getSessionUser(context.db, request);
  const excludedSlugs = await getReaderExclusions(context.db, request, user);
  const listing = await getBoardListing(context.db, board, { ...query, excludedSlugs });
  return {
    board: { slug: board.slug, name: board.name, description: board.description },
    categories: board.categories.map((c) => ({ slug: c.slug, name: c.name })),
    listing,
    showAllNotices: query.showAllNotices,
    now: Date.now(),
  };
}

export default function BoardPage() {
  const { board, categories, listing, showAllNotices, now } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">
        <Link to={`/${board.slug}`}>{board.name}</Link>
      </h1>
      <div className="board-actions">
        <Link to={`/${board.slug}/write`} className="button button--primary">
          글쓰기
        </Link>
      </div>
      <FilterNotice excluded={listing.excludedCategories} listPath={`/${board.slug}`} />
      <BoardList
        boardSlug={board.slug}
        categories={categories}
        listing={listing}
        showAllNotices={showAllNotices}
        now={now}
      />
    </main>
  );
}
