import { FormError } from "./FormError";
import { Link, useFetcher } from "@remix-run/react";
import type { IntentAnswer } from "~/lib/intents.server";
import { submitInPlace } from "~/lib/in-place-submit";

/** One fetcher per post page, shared by its block buttons and the page's confirmation (see BlockStatus). */
export function blockFetcherKey(postId: number): string {
  return `block-${postId}`;
}

/**
 * 차단: blocks the author of the post, or of the comment `commentId`. The form names the item, never its author.
 * Without JavaScript it posts and comes back to the page with a confirmation; with it, the page stays where it is
 * (the fetcher asks for an answer in place) and its data reloads, collapsing the author's comments.
 */
export function BlockButton({ postId, commentId }: { postId: number; commentId?: number }) {
  const fetcher = useFetcher({ key: blockFetcherKey(postId) });
  const item = commentId === undefined ? "글" : "댓글";
  return (
    <fetcher.Form
      method="post"
      className="inline-form"
      preventScrollReset
      onSubmit={(event) => {
        const question = `이 ${item}을 쓴 사람을 차단할까요? 그 사람의 글은 목록에서 빠지고 댓글은 접힙니다.`;
        if (window.confirm(question)) submitInPlace(fetcher, event);
        else event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="block" />
      {commentId === undefined ? null : <input type="hidden" name="commentId" value={commentId} />}
      <button
        type="submit"
        className={commentId === undefined ? "button" : "link-button"}
        disabled={fetcher.state !== "idle"}
        title={`이 ${item}을 쓴 사람의 글과 댓글을 보지 않습니다`}
      >
        차단
      </button>
    </fetcher.Form>
  );
}

/**
 * What became of the reader's block: a confirmation (after the redirect back without JavaScript, or the fetcher's
 * answer with it) or the refusal's message.
 */
export function BlockStatus({
  postId,
  justBlocked,
  refused,
}: {
  postId: number;
  justBlocked: boolean;
  refused?: IntentAnswer;
}) {
  const fetcher = useFetcher<IntentAnswer>({ key: blockFetcherKey(postId) });
  const answer = fetcher.data ?? (refused?.intent === "block" ? refused : undefined);
  const error = answer?.fieldErrors.form;
  if (error) return <FormError message={error} />;
  if (!justBlocked && !answer?.accepted) return <p role="status" className="visually-hidden" />;
  return (
    <p className="form-success" role="status">
      차단했습니다. 그 사람의 글은 목록에서 빠지고 댓글은 접힙니다. <Link to="/settings/blocks">차단 목록</Link>에서 풀
      수 있습니다.
    </p>
  );
}
