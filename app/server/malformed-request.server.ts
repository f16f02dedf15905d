const MALFORMED_REQUEST_MESSAGE = "잘못된 요청입니다. 주소를 확인해 주세요.";

/**
 * Whether the server refuses this URL before Express or Remix see it. Each of these would otherwise be a 500:
 * - a Host header that is not a host name, or a path with a broken percent escape ("/%"): Express and Remix fail on it;
 * - a path that decodes to no URL ("/%5C%5B" is "/\[", whose "[" a URL parser takes for a host): React Router
 *   fails to render it;
 * - a NUL (%00) in the path or the query: PostgreSQL refuses it in any text;
 * - Remix's older data protocol (`?_data=`), which the app never uses (its pages fetch with single fetch, `.data`):
 *   Remix's handler for it fails on a loader that returns null, and logs a stack for every such request.
 */
function isRefusedUrl(target: string, host: string | undefined, protocol: string): boolean {
  let url: URL;
  let path: string;
  try {
    url = new URL(target, `${protocol}://${host}`);
    path = decodeURIComponent(url.pathname);
    new URL(path, url.origin);
  } catch {
    return true;
  }
  const hasNul = [path, ...[...url.searchParams].flat()].some((text) => text.includes("\0"));
  return hasNul || url.searchParams.has("_data");
}

/** A Korean 400 page for a request whose URL the server refuses to read (see isRefusedUrl); null for a sound one. */
export function malformedRequestResponse(target: string, host: string | undefined, protocol: string): Response | null {
  if (!isRefusedUrl(target, host, protocol)) return null;
  return new Response(MALFORMED_REQUEST_MESSAGE, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
