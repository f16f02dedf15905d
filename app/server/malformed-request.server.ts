const MALFORMED_REQUEST_MESSAGE = "잘못된 요청입니다. 주소를 확인해 주세요.";

/**
 * A 400 page for a request whose URL cannot be read: a Host header that is not a host name, or a path with a broken
 * percent escape ("/%"), which would otherwise fail deep inside Express or Remix with a 500. Null for a sound request.
 */
export function malformedRequestResponse(target: string, host: string | undefined, protocol: string): Response | null {
  try {
    decodeURIComponent(new URL(target, `${protocol}://${host}`).pathname);
    return null;
  } catch {
    return new Response(MALFORMED_REQUEST_MESSAGE, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
