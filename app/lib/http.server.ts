/** A Response to throw for what does not exist; the root error boundary shows its message. */
export function notFound(message = "찾으시는 페이지가 없습니다."): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A Response to throw when the thing exists but belongs to someone else. */
export function forbidden(message = "권한이 없습니다."): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
