/**
 * What a request line records of the URL: the path, and of the query only the parameter names, since values can hold
 * secrets (a redirect target, a search, a token in a link). `/login?redirectTo=/me` is logged as
 * `/login?redirectTo=[redacted]`; a "name" that does not look like one (`?e8Zk…` standing alone) is a value too.
 * Bounded, so a hostile URL cannot make a huge line.
 */

const MAX_LOGGED_PATH_LENGTH = 512;
const REDACTED = "[redacted]";
// Letters only: the board's parameters are words (redirectTo, page, _data), tokens nearly always hold digits.
const PARAMETER_NAME_SHAPE = /^[A-Za-z_][A-Za-z_-]{0,31}$/;

function redactedParameter(pair: string): string {
  const separator = pair.indexOf("=");
  const name = separator === -1 ? pair : pair.slice(0, separator);
  const shownName = PARAMETER_NAME_SHAPE.test(name) ? name : REDACTED;
  return separator === -1 ? shownName : `${shownName}=${REDACTED}`;
}

export function pathForLog(originalUrl: string): string {
  const queryStart = originalUrl.indexOf("?");
  if (queryStart === -1) return originalUrl.slice(0, MAX_LOGGED_PATH_LENGTH);
  const query = originalUrl
    .slice(queryStart + 1)
    .split("&")
    .filter((pair) => pair !== "")
    .map(redactedParameter);
  return `${originalUrl.slice(0, queryStart)}?${query.join("&")}`.slice(0, MAX_LOGGED_PATH_LENGTH);
}
