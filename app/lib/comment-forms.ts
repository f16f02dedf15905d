import { isShownComment, type ShownComment, type ShownThread } from "./comment-threads";
import { parseId } from "./ids";

// A comment's reply and report forms are rendered only for the comment the reader asked for: `?reply=N` opens
// comment N's reply form and `?report=N` its report form (`?report=post` the post's own), so 답글 and 신고 work as
// plain links without JavaScript; with it they open in place (FormToggle). See ADR 030.
export const REPLY_PARAM = "reply";
export const REPORT_PARAM = "report";
export const POST_REPORT = "post";
/** The parameter of a comment's reply form or of its report form. */
export type CommentFormParam = typeof REPLY_PARAM | typeof REPORT_PARAM;

export interface OpenedForms {
  reply: number | null;
  report: number | typeof POST_REPORT | null;
}

/** The forms the address asks for; a value that is not a comment on the page opens nothing. */
export function openedForms(search: URLSearchParams, threads: ShownThread<ShownComment>[]): OpenedForms {
  const shownComment = (param: string) => {
    const id = parseId(search.get(param));
    return id !== null && isShownComment(threads, id) ? id : null;
  };
  const report = search.get(REPORT_PARAM) === POST_REPORT ? POST_REPORT : shownComment(REPORT_PARAM);
  return { reply: shownComment(REPLY_PARAM), report };
}

/**
 * The page's address (`page`, the current one) with one form opened (`value`) or closed (null), keeping the other
 * parameters (`comments=` and the like), and landing on `hash`. Its query always differs from the page's, so
 * following it loads the page rather than only scrolling.
 */
export function formToggleHref(
  page: { pathname: string; search: string },
  param: CommentFormParam,
  value: string | null,
  hash: string,
): string {
  const params = new URLSearchParams(page.search);
  if (value === null) params.delete(param);
  else params.set(param, value);
  const query = params.toString();
  return `${page.pathname}${query ? `?${query}` : ""}#${hash}`;
}
