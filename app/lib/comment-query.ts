export const COMMENTS_PER_PAGE = 20;
/** The most threads one page renders; past it "댓글 더 보기" still loads more in place with JavaScript. */
const COMMENTS_SHOWN_MAX = 5000;

/** `?comments=N` shows the first N comment threads, so "댓글 더 보기" works as a plain link without JavaScript. */
export function parseShownComments(value: string | null): number {
  const n = Number.parseInt(value ?? "", 10);
  if (!Number.isSafeInteger(n) || n < COMMENTS_PER_PAGE) return COMMENTS_PER_PAGE;
  return Math.min(n, COMMENTS_SHOWN_MAX);
}

/**
 * The address of a comment on its post's page, with enough threads shown (`?comments=N`) for it to be there:
 * `threadsThrough` counts the threads up to and including the comment's own (countThreadsThrough).
 */
export function commentHref(
  postPath: string,
  threadsThrough: number,
  commentId: number,
  search: Record<string, string> = {},
): string {
  const comments = String(Math.ceil(threadsThrough / COMMENTS_PER_PAGE) * COMMENTS_PER_PAGE);
  return `${postPath}?${new URLSearchParams({ comments, ...search })}#comment-${commentId}`;
}
