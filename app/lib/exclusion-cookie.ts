/**
 * A logged-out reader's excluded categories (숨긴 카테고리) live in this cookie as a comma list of category slugs;
 * members keep theirs in their settings (app/models/exclusions.server.ts).
 */
import { cookieHeader, readCookie } from "./cookies";

export const EXCLUDE_COOKIE = "madang_exclude";
const EXCLUDE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** More exclusions than this are ignored: every slug costs a condition in each list query. */
export const MAX_EXCLUDED_SLUGS = 20;
const CATEGORY_SLUG_SHAPE = /^[a-z0-9-]{1,30}$/;

/** Category slugs from a comma list (URL or cookie); anything not shaped like a slug is dropped, never an error. */
export function parseExcludedSlugs(list: string): string[] {
  const slugs = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => CATEGORY_SLUG_SHAPE.test(s));
  return [...new Set(slugs)].slice(0, MAX_EXCLUDED_SLUGS);
}

function decodedOrEmpty(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}

/** The excluded category slugs stored in the request's cookie. */
export function cookieExclusions(request: Request): string[] {
  const value = readCookie(request, EXCLUDE_COOKIE);
  return value === null ? [] : parseExcludedSlugs(decodedOrEmpty(value));
}

/**
 * Set-Cookie that stores a reader's exclusions, or clears the cookie when there are none; `secure` for an https
 * request (isHttpsRequest), as every cookie of the board.
 */
export function exclusionCookie(slugs: string[], { secure }: { secure: boolean }): string {
  const maxAge = slugs.length > 0 ? EXCLUDE_COOKIE_MAX_AGE_S : 0;
  return cookieHeader(EXCLUDE_COOKIE, encodeURIComponent(slugs.join(",")), maxAge, { secure });
}
