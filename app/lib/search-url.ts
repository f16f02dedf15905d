import { searchQueryProblem, SEARCH_QUERY_MAX_LENGTH } from "./search-text";

// A search's address (`?q=&scope=&before=`), read leniently like the list's, and what the page says when the query
// cannot be searched.

export const SEARCH_SCOPES = ["title_body", "title", "comment", "author"] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

export const SEARCH_SCOPE_LABELS: Record<SearchScope, string> = {
  title_body: "제목+내용",
  title: "제목",
  comment: "댓글",
  author: "글쓴이",
};

/** The scopes a board offers: never 글쓴이 on an anonymous board, where it would tell who wrote what. */
export function scopesFor(board: { isAnonymous: boolean } | null): SearchScope[] {
  return board?.isAnonymous ? SEARCH_SCOPES.filter((scope) => scope !== "author") : [...SEARCH_SCOPES];
}

export interface SearchAddress {
  /** As typed (the form shows it back); null when the address asks for no search. */
  query: string;
  scope: SearchScope;
  /** The last result of the previous page: results older than it (keyset). */
  before: number | null;
}

/** Reads `?q=`, `?scope=` and `?before=` leniently (an unknown scope or a malformed id means none); null without `q`. */
export function parseSearchAddress(params: URLSearchParams): SearchAddress | null {
  const query = params.get("q");
  if (query === null) return null;
  const scope = SEARCH_SCOPES.find((s) => s === params.get("scope")) ?? "title_body";
  const before = Number(params.get("before"));
  return { query, scope, before: Number.isSafeInteger(before) && before > 0 ? before : null };
}

/** The address of a search (`before` for a later page), keeping the list's category. */
export function searchHref(
  path: string,
  search: { query: string; scope: SearchScope; before?: number | null; category?: string | null },
): string {
  const params = new URLSearchParams({ q: search.query, scope: search.scope });
  if (search.category) params.set("category", search.category);
  if (search.before) params.set("before", String(search.before));
  return `${path}?${params}`;
}

export interface SearchRefusal {
  status: 200 | 400;
  message: string;
}

/** Why this search cannot run, as the page says it (400 for what no form sends), or null when it can. */
export function searchRefusal(address: SearchAddress, board: { isAnonymous: boolean } | null): SearchRefusal | null {
  if (!scopesFor(board).includes(address.scope)) {
    return { status: 400, message: "익명 게시판에서는 글쓴이로 검색할 수 없습니다." };
  }
  switch (searchQueryProblem(address.query)) {
    case "empty":
      return { status: 200, message: "검색어를 입력하세요." };
    case "no-words":
      return { status: 200, message: "검색어에 글자나 숫자가 없습니다. 다른 검색어를 입력하세요." };
    case "too-long":
      return { status: 400, message: `검색어는 ${SEARCH_QUERY_MAX_LENGTH}자까지 입력할 수 있습니다.` };
    case null:
      return null;
  }
}
