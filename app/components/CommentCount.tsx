import { formatCount } from "~/lib/format";

/**
 * The comment count after a title, as the source board shows it; nothing for no comments. The words around the
 * number are text for screen readers (댓글 45개), not an aria-label, which a plain span does not carry.
 */
export function CommentCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="comment-count">
      <span className="visually-hidden">댓글 </span>
      {formatCount(count)}
      <span className="visually-hidden">개</span>
    </span>
  );
}
