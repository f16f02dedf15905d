import { CategoryTabs } from "./CategoryTabs";
import { ExclusionNotice } from "./ExclusionNotice";
import { SearchResults, type SearchResultsProps } from "./SearchResults";
import { searchHref, type SearchScope } from "~/lib/search-url";

export interface BoardSearchProps {
  /** The board's list path, or /search for every board (which has no category tabs). */
  path: string;
  categories: { slug: string; name: string }[];
  category: { slug: string } | null;
  search: {
    query: string;
    scope: SearchScope;
    before: number | null;
    results:
      | (Pick<SearchResultsProps, "results" | "total" | "totalCapped"> & {
          nextBefore: number | null;
          excludedCategories: { slug: string; name: string }[];
        })
      | null;
  } | null;
  now: number;
}

/** A search's results under the board's category tabs, each tab searching its category. */
export function BoardSearch({ path, categories, category, search, now }: BoardSearchProps) {
  if (!search?.results) return null;
  const { query, scope, before, results } = search;
  const href = (options: { category?: string | null; before?: number | null }) =>
    searchHref(path, { query, scope, category: category?.slug ?? null, ...options });
  return (
    <>
      <ExclusionNotice
        excluded={results.excludedCategories}
        listPath={path}
        showAllHref={`${href({ before: null })}&exclude=`}
      />
      {categories.length > 0 ? (
        <CategoryTabs
          categories={categories}
          current={category?.slug ?? null}
          href={(slug) => href({ category: slug, before: null })}
        />
      ) : null}
      <SearchResults
        {...results}
        showBoard={path === "/search"}
        firstHref={before === null ? null : href({})}
        nextHref={results.nextBefore === null ? null : href({ before: results.nextBefore })}
        now={now}
      />
    </>
  );
}
