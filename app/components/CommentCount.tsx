import { formatCount } from "~/lib/format";

/** The comment count after a title, as the source board shows it; nothing for no comments. */
export function CommentCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="comment-count" aria-label={`댓글 ${count}개`}>
      {formatCount(count)}
    </span>
  );
}
