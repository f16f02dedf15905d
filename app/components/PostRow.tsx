import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CommentCount } from "./CommentCount";
import { formatCount, formatListDate, isoDate } from "~/lib/format";
import type { Blinding } from "~/models/blinding";

interface PostRowProps {
  post: {
    title: string;
    createdAt: number;
    commentCount: number;
    viewCount: number;
    blinding?: Blinding;
    /** 1 when the post shows a picture (posts.has_images); lists that do not read it show no icon. */
    hasImages?: number;
  };
  href: string;
  /** What the category column shows. */
  category: string | null;
  /** The board's name, above the category: for lists across boards (HOT). */
  boardName?: string;
  now: number;
  /** The number column: the post's number or a notice badge. Omitted in the compact front-page table. */
  marker?: ReactNode;
  /** The front page's table: no number and no view count. */
  compact?: boolean;
  current?: boolean;
  className?: string;
  /** Shown instead of the post's title (a search marks the words that matched). */
  title?: ReactNode;
  /** Shown under the title: a search result's snippet. */
  detail?: ReactNode;
}

/** One post in a list table: number, category, title with its comment count, date, views. */
export function PostRow({
  post,
  href,
  category,
  boardName,
  now,
  marker,
  compact = false,
  current,
  className,
  title,
  detail,
}: PostRowProps) {
  return (
    <tr className={className ? `post-row ${className}` : "post-row"}>
      {compact ? null : <td className="col-no">{marker}</td>}
      <td className="col-category">
        {boardName ? <span className="row-board">{boardName}</span> : null}
        {category}
      </td>
      <td className="col-title">
        <Link
          to={href}
          aria-current={current ? "page" : undefined}
          className={post.blinding === "hidden" ? "blinded-text" : undefined}
        >
          {title ?? post.title}
        </Link>
        {post.hasImages && post.blinding !== "hidden" ? <PictureIcon /> : null}
        {post.blinding === "shown" ? <span className="badge badge--blinded">블라인드</span> : null}
        <CommentCount count={post.commentCount} />
        {detail}
      </td>
      <td className="col-date">
        <time dateTime={isoDate(post.createdAt)}>{formatListDate(post.createdAt, now)}</time>
      </td>
      {compact ? null : <td className="col-views">{formatCount(post.viewCount)}</td>}
    </tr>
  );
}

/** The mark after the title of a post with pictures, as Korean boards show it. */
function PictureIcon() {
  return (
    <svg className="picture-icon" role="img" aria-label="사진 있음" viewBox="0 0 16 16" width="14" height="14">
      <title>사진 있음</title>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
      <circle cx="5.5" cy="6" r="1.5" fill="currentColor" />
      <path d="M2 12.5l4-4 3 3 2-2 3.5 3.5" fill="none" stroke="currentColor" />
    </svg>
  );
}

/** Stands in for the rows of a list with no posts, across the same columns. */
export function NoPostsRow({
  compact = false,
  message = "아직 글이 없습니다.",
}: {
  compact?: boolean;
  message?: string;
}) {
  return (
    <tr className="empty-row">
      <td colSpan={compact ? 3 : 5}>{message}</td>
    </tr>
  );
}
