import { useLocation } from "@remix-run/react";
import { useEffect } from "react";

/** Marks the comment a reader landed on, like `:target` does on a full page load; app.css fades the mark. */
export const LANDED_COMMENT_CLASS = "comment--landed";
const COMMENT_HASH = /^#(comment-\d+)$/;

/**
 * After a client-side navigation to `#comment-N` (a comment written, answered or deleted, a notification or a link
 * from 내 정보 followed), shows that comment as a full page load would: browsers do not scroll to a hash that
 * history.pushState set, nor move focus or `:target`. The comment is scrolled into view by focusing it (its item has
 * tabindex=-1), so a screen reader reads it, and marked.
 */
export function useCommentLanding() {
  const { key, hash } = useLocation();
  useEffect(() => {
    const id = COMMENT_HASH.exec(hash)?.[1];
    if (id === undefined) return;
    // On the next frame: after the effects of the routes above, which may move focus for a new page.
    const frame = requestAnimationFrame(() => {
      const comment = document.getElementById(id);
      if (!comment) return;
      // Removed and added again across a reflow, so landing on the same comment twice marks it twice.
      comment.classList.remove(LANDED_COMMENT_CLASS);
      void comment.offsetWidth;
      comment.classList.add(LANDED_COMMENT_CLASS);
      comment.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(frame);
  }, [key, hash]);
}
