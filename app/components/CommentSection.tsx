import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { appendThreads, mergeNewComments, newestCommentId } from "~/lib/comment-threads";
import { COMMENTS_PER_PAGE } from "~/lib/comment-query";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import type { CommentThread, CommentView } from "~/models/comments.server";
import type { loader as commentsLoader } from "~/routes/$board.$postId.comments";

interface CommentSectionProps {
  boardSlug: string;
  postId: number;
  commentCount: number;
  initial: { threads: CommentThread[]; hasMore: boolean };
}

export function CommentSection({ boardSlug, postId, commentCount, initial }: CommentSectionProps) {
  const [threads, setThreads] = useState(initial.threads);
  const [hasMore, setHasMore] = useState(initial.hasMore);
  const [count, setCount] = useState(commentCount);
  const [noNewComments, setNoNewComments] = useState(false);
  const more = useFetcher<typeof commentsLoader>();
  const fresh = useFetcher<typeof commentsLoader>();

  // A revalidated page (after writing a comment) brings the authoritative first page back.
  useEffect(() => {
    setThreads(initial.threads);
    setHasMore(initial.hasMore);
    setCount(commentCount);
  }, [initial, commentCount]);

  useEffect(() => {
    if (more.data?.kind !== "after") return;
    const page = more.data;
    setThreads((current) => appendThreads(current, page.threads));
    setHasMore(page.hasMore);
    setCount(page.commentCount);
  }, [more.data]);

  useEffect(() => {
    if (fresh.data?.kind !== "since") return;
    const { comments, commentCount: latestCount } = fresh.data;
    setThreads((current) => mergeNewComments(current, comments, !hasMore));
    setCount(latestCount);
    setNoNewComments(comments.length === 0);
    // hasMore is read at the moment the answer arrives on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fresh.data]);

  const basePath = `/${boardSlug}/${postId}`;
  const lastThreadId = threads.length > 0 ? threads[threads.length - 1].id : 0;
  const loadMoreHref = `?comments=${threads.length + COMMENTS_PER_PAGE}#comments`;
  const reloadHref = `?comments=${Math.max(threads.length, COMMENTS_PER_PAGE)}#comments`;

  return (
    <section id="comments" className="panel comments" aria-labelledby="comments-title">
      <h2 id="comments-title">댓글 {formatCount(count)}</h2>
      <ol className="comment-list">
        {threads.map((thread) => (
          <CommentItem key={thread.id} comment={thread}>
            {thread.replies.length > 0 ? (
              <ol className="comment__replies" aria-label="답글">
                {thread.replies.map((reply) => (
                  <CommentItem key={reply.id} comment={reply} />
                ))}
              </ol>
            ) : null}
          </CommentItem>
        ))}
      </ol>
      <div className="comment-actions">
        {hasMore ? (
          <Link
            to={loadMoreHref}
            className="button"
            preventScrollReset
            onClick={(event) => {
              event.preventDefault();
              more.load(`${basePath}/comments?after=${lastThreadId}`);
            }}
            aria-busy={more.state === "loading"}
          >
            댓글 더 보기
          </Link>
        ) : null}
        <Link
          to={reloadHref}
          className="button"
          preventScrollReset
          onClick={(event) => {
            event.preventDefault();
            setNoNewComments(false);
            fresh.load(`${basePath}/comments?since=${newestCommentId(threads)}`);
          }}
          aria-busy={fresh.state === "loading"}
        >
          새 댓글 확인하기
        </Link>
      </div>
      <p className="field-hint" role="status">
        {noNewComments ? "새 댓글이 없습니다." : ""}
      </p>
    </section>
  );
}

function CommentItem({ comment, children }: { comment: CommentView; children?: React.ReactNode }) {
  return (
    <li id={`comment-${comment.id}`} className="comment">
      {comment.body === null ? (
        <p className="comment__deleted">삭제된 댓글입니다</p>
      ) : (
        <>
          <div className="comment__meta">
            <span className="comment__author">{comment.authorName}</span>
            {comment.isPostAuthor ? <span className="comment__op">글쓴이</span> : null}
            <time dateTime={isoDate(comment.createdAt)}>{formatFullDate(comment.createdAt)}</time>
          </div>
          <p className="comment__body">{comment.body}</p>
        </>
      )}
      {children}
    </li>
  );
}
