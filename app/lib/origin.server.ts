import { forbidden } from "./http.server";

const REJECTED_MESSAGE = "허용되지 않은 요청입니다.";

/**
 * Cross-site request forgery guard; every action calls it first.
 *
 * - An `Origin` header must equal this request's own origin (scheme, host and port of request.url). Behind a
 *   TLS-terminating proxy, the server must trust the proxy's X-Forwarded-Proto/Host so request.url is the public one.
 * - Without `Origin`, `Sec-Fetch-Site` must be `same-origin` or `none` (typed in the address bar, bookmarks).
 * - Without both, the request is allowed: every browser sends at least one of them on a POST, so such a request
 *   comes from a non-browser client (curl, tests), which cannot carry a victim's cookies anyway.
 *
 * Throws a 403 Response.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("Origin");
  if (origin !== null) {
    if (origin !== new URL(request.url).origin) throw forbidden(REJECTED_MESSAGE);
    return;
  }
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") throw forbidden(REJECTED_MESSAGE);
}
