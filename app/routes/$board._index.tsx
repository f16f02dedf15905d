import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { BoardSearch } from "~/components/BoardSearch";
import { SearchForm } from "~/components/SearchForm";
import { feedLink } from "~/lib/feed-links";
import { notFound } from "~/lib/http.server";
import { parseSearchAddress, scopesFor } from "~/lib/search-url";
import { getBoardListForReader, parseBoardListingQuery } from "~/models/board-listing.server";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { getBoardBySlug } from "~/models/boards.server";
import { searchForReader } from "~/models/search.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta(null);
  const place = data.category?.name ?? data.board.name;
  return [
    ...pageMeta(
      data.search ? `${data.search.query} - ${place} 검색` : place,
      data.category
        ? `마당 ${data.board.name} 게시판의 ${data.category.name} 글 목록입니다.`
        : `마당 ${data.board.name} 게시판의 글 목록입니다. 새 소식을 읽고 댓글로 이야기를 나눕니다.`,
    ),
    feedLink(`/${data.board.slug}/feed.xml`, data.board.name),
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await getBoardBySlug(context.db, params.board ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const url = new URL(request.url);
  const { categorySlug } = parseBoardListingQuery(url.searchParams);
  const category = board.categories.find((c) => c.slug === categorySlug);
  if (categorySlug && !category) throw notFound("없는 카테고리입니다.");
  const user = await getSessionUser(context, request);
  const page = {
    board: { slug: board.slug, name: board.name },
    category: category ? { slug: category.slug, name: category.name } : null,
    categories: board.categories.map((c) => ({ slug: c.slug, name: c.name })),
    scopes: scopesFor(board),
    now: Date.now(),
  };
  const address = parseSearchAddress(url.searchParams);
  if (address) {
    const found = await searchForReader(context.db, request, address, { user }, { board, categorySlug });
    const search = { ...address, message: found.refusal?.message ?? null, results: found.page };
    return data({ ...page, search, list: null }, { status: found.refusal?.status ?? 200 });
  }
  const blockedAuthorIds = await readBlockedAuthorIds(context.db, user);
  const list = await getBoardListForReader(context.db, board, request, { user, blockedAuthorIds });
  return data({ ...page, search: null, list });
}

export default function BoardPage() {
  const { board, category, categories, scopes, now, search, list } = useLoaderData<typeof loader>();
  const boardPath = `/${board.slug}`;
  return (
    <main>
      <h1 className="board-title">
        <Link to={boardPath}>{board.name}</Link>
      </h1>
      <div className="board-actions">
        <SearchForm
          action={boardPath}
          scopes={scopes}
          query={search?.query}
          scope={search?.scope}
          category={category?.slug}
          message={search?.message}
        />
        <Link to={`${boardPath}/hot`} className="button">
          HOT
        </Link>
        <Link to={`${boardPath}/write`} className="button button--primary">
          글쓰기
        </Link>
      </div>
      {search ? (
        <BoardSearch path={boardPath} categories={categories} category={category} search={search} now={now} />
      ) : list ? (
        <BoardList {...list} />
      ) : null}
    </main>
  );
}
