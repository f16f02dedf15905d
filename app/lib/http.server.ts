import { retryAfterHeaders } from "./retry-after";

/** A Response to throw for what does not exist; the root error boundary shows its message. */
export function notFound(message = "찾으시는 페이지가 없습니다."): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A Response to throw when the thing exists but belongs to someone else. */
export function forbidden(message = "권한이 없습니다."): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** What a form refused as too many too fast answers with: 429 and when to try again. */
export function tooManyRequests(retryAfterSeconds: number): ResponseInit {
  return { status: 429, headers: retryAfterHeaders(retryAfterSeconds) };
}
