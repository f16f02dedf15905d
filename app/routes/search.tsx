import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardSearch } from "~/components/BoardSearch";
import { SearchForm } from "~/components/SearchForm";
import { parseSearchAddress, scopesFor } from "~/lib/search-url";
import { searchForReader } from "~/models/search.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data?.search ? `${data.search.query} - 검색` : "검색", "마당의 모든 게시판에서 글을 찾습니다.");

/** Every board at once; the author scope there never matches a post on an anonymous board. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const address = parseSearchAddress(new URL(request.url).searchParams);
  const page = { scopes: scopesFor(null), now: Date.now() };
  if (!address) return data({ ...page, search: null });
  const user = await getSessionUser(context, request);
  const found = await searchForReader(context.db, request, address, { user }, { board: null, categorySlug: null });
  const search = { ...address, message: found.refusal?.message ?? null, results: found.page };
  return data({ ...page, search }, { status: found.refusal?.status ?? 200 });
}

export default function SearchPage() {
  const { scopes, now, search } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">검색</h1>
      <div className="board-actions">
        <SearchForm
          action="/search"
          scopes={scopes}
          query={search?.query}
          scope={search?.scope}
          message={search?.message}
        />
      </div>
      <BoardSearch path="/search" categories={[]} category={null} search={search} now={now} />
    </main>
  );
}
