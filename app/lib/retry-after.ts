import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's `headers` for forms that can be refused with 429: only Set-Cookie passes from an action to the page on
 * its own, so the action's Retry-After has to be carried over.
 */
export const keepRetryAfter: HeadersFunction = ({ parentHeaders, actionHeaders }) => {
  const merged = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) merged.set("Retry-After", retryAfter);
  return merged;
};

/** The headers of a 429 answer that says when to try again. */
export function retryAfterHeaders(seconds: number): HeadersInit {
  return { "Retry-After": String(seconds) };
}
