export const COMMENTS_PER_PAGE = 20;
/** The most threads one page renders; past it "댓글 더 보기" still loads more in place with JavaScript. */
const COMMENTS_SHOWN_MAX = 5000;

/** `?comments=N` shows the first N comment threads, so "댓글 더 보기" works as a plain link without JavaScript. */
export function parseShownComments(value: string | null): number {
  const n = Number.parseInt(value ?? "", 10);
  if (!Number.isSafeInteger(n) || n < COMMENTS_PER_PAGE) return COMMENTS_PER_PAGE;
  return Math.min(n, COMMENTS_SHOWN_MAX);
}
