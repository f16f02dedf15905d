const MALFORMED_REQUEST_MESSAGE = "잘못된 요청입니다. 주소를 확인해 주세요.";

/**
 * Whether the server refuses this URL before Express or Remix see it: a Host header that is not a host name, or a
 * path with a broken percent escape ("/%"), would otherwise fail deep inside them with a 500, and so would a NUL
 * (%00) in the path or the query, which PostgreSQL refuses in any text it is asked to compare. So would a request in
 * Remix's older data protocol (`?_data=`), which the app never uses (its pages fetch data with single fetch, `.data`):
 * Remix's handler for it answers a loader that returns null with a 500, and logs a stack for every such request.
 */
function isRefusedUrl(target: string, host: string | undefined, protocol: string): boolean {
  try {
    const url = new URL(target, `${protocol}://${host}`);
    const decoded = [decodeURIComponent(url.pathname), ...[...url.searchParams].flat()];
    return decoded.some((text) => text.includes("\0")) || url.searchParams.has("_data");
  } catch {
    return true;
  }
}

/** A Korean 400 page for a request whose URL the server refuses to read (see isRefusedUrl); null for a sound one. */
export function malformedRequestResponse(target: string, host: string | undefined, protocol: string): Response | null {
  if (!isRefusedUrl(target, host, protocol)) return null;
  return new Response(MALFORMED_REQUEST_MESSAGE, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
