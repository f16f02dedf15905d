/**
 * The image whose request counts the reader's view of the post (app/routes/$board.$postId.view.ts): loaded with the
 * page without JavaScript, and rendered once more on each in-app navigation to a post, but not again when the page's
 * data is reloaded (the same address stays in place). Hidden from screen readers and out of the layout.
 */
export function PostViewImage({ boardSlug, postId }: { boardSlug: string; postId: number }) {
  return (
    <img className="view-image" src={`/${boardSlug}/${postId}/view`} alt="" aria-hidden="true" width={1} height={1} />
  );
}
