import { Form } from "@remix-run/react";
import { FormError } from "./FormError";
import { SEARCH_QUERY_MAX_LENGTH } from "~/lib/search-text";
import { SEARCH_SCOPE_LABELS, type SearchScope } from "~/lib/search-url";

interface SearchFormProps {
  /** Where the form sends its GET: the board's list or /search. */
  action: string;
  scopes: SearchScope[];
  query?: string;
  scope?: SearchScope;
  /** The list's category tab, kept by the search. */
  category?: string | null;
  message?: string | null;
}

/** A GET form (no JavaScript needed): the query and where to look (제목+내용, 제목, 댓글, 글쓴이). */
export function SearchForm({ action, scopes, query = "", scope = "title_body", category, message }: SearchFormProps) {
  const id = action === "/search" ? "site-search" : "board-search";
  return (
    // Keyed by the search, so the fields show the new one after an in-page navigation.
    <Form
      key={`${scope}:${query}`}
      method="get"
      action={action}
      role="search"
      className="search-form"
      aria-label="검색"
    >
      <label htmlFor={`${id}-query`} className="visually-hidden">
        검색어
      </label>
      <input
        id={`${id}-query`}
        type="search"
        name="q"
        defaultValue={query}
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        placeholder="검색어"
      />
      <label htmlFor={`${id}-scope`} className="visually-hidden">
        검색 범위
      </label>
      <select id={`${id}-scope`} name="scope" defaultValue={scope}>
        {scopes.map((s) => (
          <option key={s} value={s}>
            {SEARCH_SCOPE_LABELS[s]}
          </option>
        ))}
      </select>
      {category ? <input type="hidden" name="category" value={category} /> : null}
      <button type="submit" className="button">
        검색
      </button>
      <FormError message={message} />
    </Form>
  );
}
