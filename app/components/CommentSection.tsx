import { FormError } from "./FormError";
import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useFetcher, useLocation, useNavigation } from "@remix-run/react";
import { useReducer } from "react";
import { BlockButton } from "./BlockButton";
import { FormToggle } from "./FormToggle";
import { InPlaceButton } from "./InPlaceButton";
import { appendThreads, mergeNewComments, newestCommentId } from "~/lib/comment-threads";
import {
  formToggleHref,
  REPLY_PARAM,
  REPORT_PARAM,
  type CommentFormParam,
  type OpenedForms,
} from "~/lib/comment-forms";
import { COMMENTS_PER_PAGE } from "~/lib/comment-query";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { parseId } from "~/lib/ids";
import { COMMENT_MAX_LENGTH } from "~/lib/input-limits";
import { BLINDED_COMMENT_TEXT } from "~/models/blinding";
import type { CommentThread, CommentView } from "~/models/comments.server";
import { MemberAdminLink } from "./MemberAdminLink";
import { SuspensionNotice } from "./SuspensionNotice";
import type { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { ReportForm, type ReportAnswer } from "./ReportForm";
import { useCommentLanding } from "./useCommentLanding";

/** A comment the server refused, shown again in the form it came from with the reader's text kept. */
interface FailedComment {
  values: { body: string; parentId: string };
  fieldErrors: Record<string, string | undefined>;
}

interface CommentSectionProps {
  boardSlug: string;
  postId: number;
  commentCount: number;
  initial: { threads: CommentThread[]; hasMore: boolean };
  loggedIn: boolean;
  /** For a suspended member: shown in place of the comment form, and no reply forms. */
  suspensionNotice: string | null;
  failedComment?: FailedComment;
  /** The answer to a comment's report form sent without JavaScript. */
  report?: ReportAnswer;
  /** The forms the page's address opens (`?reply=`, `?report=`). */
  opened: OpenedForms;
}

type CommentsAnswer = SerializeFrom<typeof commentsLoader>;
type MoreThreads = Extract<CommentsAnswer, { kind: "after" }>;
type NewComments = Extract<CommentsAnswer, { kind: "since" }>;

interface ShownComments {
  threads: CommentThread[];
  hasMore: boolean;
  count: number;
  noNewComments: boolean;
  /** The page loader's count these threads started from; when it moves, the loader's threads replace them. */
  pageCount: number;
  /** The reply and report forms open, by formKey: the address's, and those the reader opened in place. */
  openForms: ReadonlySet<string>;
  /** The fetcher answers already applied, so each is applied exactly once however often the section renders. */
  appliedMore?: MoreThreads;
  appliedNew?: NewComments;
}

type ShownCommentsAction =
  | { type: "page-changed"; pageCount: number; initial: CommentSectionProps["initial"]; opened: OpenedForms }
  | { type: "form-toggled"; key: string }
  | { type: "more-arrived"; answer: MoreThreads }
  | { type: "new-arrived"; answer: NewComments }
  | { type: "new-requested" };

function formKey(param: CommentFormParam, commentId: number): string {
  return `${param}-${commentId}`;
}

function openedFormKeys(opened: OpenedForms): string[] {
  const keys: string[] = [];
  if (opened.reply !== null) keys.push(formKey(REPLY_PARAM, opened.reply));
  if (typeof opened.report === "number") keys.push(formKey(REPORT_PARAM, opened.report));
  return keys;
}

/**
 * Where a refused reply goes back to: the open reply form in its thread (the reply names only the thread), or the
 * thread's first comment.
 */
function failedReplyOwner(
  threads: CommentThread[],
  openForms: ReadonlySet<string>,
  failed: FailedComment | undefined,
): number | null {
  const threadId = parseId(failed?.values.parentId);
  if (threadId === null) return null;
  const thread = threads.find((t) => t.id === threadId);
  const open = thread && [thread, ...thread.replies].find((c) => openForms.has(formKey(REPLY_PARAM, c.id)));
  return open?.id ?? threadId;
}

function shownCommentsReducer(state: ShownComments, action: ShownCommentsAction): ShownComments {
  switch (action.type) {
    case "page-changed":
      return {
        ...state,
        threads: action.initial.threads,
        hasMore: action.initial.hasMore,
        count: action.pageCount,
        pageCount: action.pageCount,
        // The reader's comment went through (or was deleted), so its reply form closes and a new one starts empty;
        // report forms stay, each with its confirmation.
        openForms: new Set([
          ...[...state.openForms].filter((key) => key.startsWith(REPORT_PARAM)),
          ...openedFormKeys(action.opened),
        ]),
      };
    case "form-toggled": {
      const openForms = new Set(state.openForms);
      if (!openForms.delete(action.key)) openForms.add(action.key);
      return { ...state, openForms };
    }
    case "more-arrived":
      return {
        ...state,
        threads: appendThreads(state.threads, action.answer.threads),
        hasMore: action.answer.hasMore,
        count: action.answer.commentCount,
        appliedMore: action.answer,
      };
    case "new-arrived":
      return {
        ...state,
        threads: mergeNewComments(state.threads, action.answer.comments, !state.hasMore),
        count: action.answer.commentCount,
        noNewComments: action.answer.comments.length === 0,
        appliedNew: action.answer,
      };
    case "new-requested":
      return { ...state, noNewComments: false };
  }
}

export function CommentSection({
  boardSlug,
  postId,
  commentCount,
  initial,
  loggedIn,
  suspensionNotice,
  failedComment,
  report,
  opened,
}: CommentSectionProps) {
  const canReply = loggedIn && suspensionNotice === null;
  const [shown, dispatch] = useReducer(shownCommentsReducer, {
    threads: initial.threads,
    hasMore: initial.hasMore,
    count: commentCount,
    noNewComments: false,
    pageCount: commentCount,
    openForms: new Set(openedFormKeys(opened)),
  });
  const { threads, hasMore, count, noNewComments, openForms } = shown;
  const location = useLocation();
  const more = useFetcher<typeof commentsLoader>();
  const fresh = useFetcher<typeof commentsLoader>();
  useCommentLanding();

  // Applied while rendering, each at most once (https://react.dev/learn/you-might-not-need-an-effect). Only a changed
  // comment count (the reader wrote or deleted one) replaces the threads with the loader's; other revalidations (after
  // a scrap, say) keep what the reader has loaded.
  if (shown.pageCount !== commentCount) {
    dispatch({ type: "page-changed", pageCount: commentCount, initial, opened });
  }
  if (more.data?.kind === "after" && more.data !== shown.appliedMore) {
    dispatch({ type: "more-arrived", answer: more.data });
  }
  if (fresh.data?.kind === "since" && fresh.data !== shown.appliedNew) {
    dispatch({ type: "new-arrived", answer: fresh.data });
  }

  const basePath = `/${boardSlug}/${postId}`;
  const failedOwner = failedReplyOwner(threads, openForms, failedComment);
  const itemProps = (comment: CommentView) => ({
    comment,
    postId,
    canReply,
    failedComment: failedOwner === comment.id ? failedComment : undefined,
    report,
    replyOpen: openForms.has(formKey(REPLY_PARAM, comment.id)) || failedOwner === comment.id,
    reportOpen: openForms.has(formKey(REPORT_PARAM, comment.id)),
    location,
    onToggle: (param: CommentFormParam) => dispatch({ type: "form-toggled", key: formKey(param, comment.id) }),
  });
  const lastThreadId = threads.length > 0 ? threads[threads.length - 1].id : 0;
  const loadMoreHref = `?comments=${threads.length + COMMENTS_PER_PAGE}#comments`;
  const reloadHref = `?comments=${Math.max(threads.length, COMMENTS_PER_PAGE)}#comments`;

  return (
    <section id="comments" className="panel comments" aria-labelledby="comments-title">
      <h2 id="comments-title">댓글 {formatCount(count)}</h2>
      <ol className="comment-list">
        {threads.map((thread) => (
          <CommentItem key={thread.id} {...itemProps(thread)}>
            {thread.replies.length > 0 ? (
              <ol className="comment__replies" aria-label="답글">
                {thread.replies.map((reply) => (
                  <CommentItem key={reply.id} {...itemProps(reply)} />
                ))}
              </ol>
            ) : null}
          </CommentItem>
        ))}
      </ol>
      <div className="comment-actions">
        {hasMore ? (
          <InPlaceButton
            href={loadMoreHref}
            onPress={() => more.load(`${basePath}/comments?after=${lastThreadId}`)}
            busy={more.state === "loading"}
          >
            댓글 더 보기
          </InPlaceButton>
        ) : null}
        <InPlaceButton
          href={reloadHref}
          onPress={() => {
            dispatch({ type: "new-requested" });
            fresh.load(`${basePath}/comments?since=${newestCommentId(threads)}`);
          }}
          busy={fresh.state === "loading"}
        >
          새 댓글 확인하기
        </InPlaceButton>
      </div>
      <p className="field-hint" role="status">
        {noNewComments ? "새 댓글이 없습니다." : ""}
      </p>
      {suspensionNotice !== null ? (
        <SuspensionNotice message={suspensionNotice} />
      ) : loggedIn ? (
        // Keyed on the page loader's count, which changes only when the reader's own comment or deletion went
        // through: the form then starts empty, while a draft survives "새 댓글 확인하기" and "댓글 더 보기".
        <CommentForm key={commentCount} failed={failedComment?.values.parentId ? undefined : failedComment} />
      ) : (
        <p className="comment-login">
          <Link to={`/login?${new URLSearchParams({ redirectTo: `${basePath}#comments` })}`}>로그인</Link>하고 댓글을
          남겨 주세요.
        </p>
      )}
    </section>
  );
}

interface CommentFormProps {
  /** For a reply: the thread it joins, and the comment whose 답글 opened the form (one form per comment). */
  reply?: { threadId: number; commentId: number };
  failed?: FailedComment;
}

function replyFormId(commentId: number): string {
  return `reply-form-${commentId}`;
}

function CommentForm({ reply, failed }: CommentFormProps) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "comment";
  const parentId = reply?.threadId ?? null;
  const fieldId = reply === undefined ? "comment-body" : `reply-body-${reply.commentId}`;
  const error = failed?.fieldErrors.body;
  return (
    <Form
      id={reply === undefined ? undefined : replyFormId(reply.commentId)}
      method="post"
      className="comment-form"
      preventScrollReset
    >
      <input type="hidden" name="intent" value="comment" />
      {parentId !== null ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <label htmlFor={fieldId} className={parentId === null ? undefined : "visually-hidden"}>
        {parentId === null ? "댓글 쓰기" : "답글 쓰기"}
      </label>
      <textarea
        id={fieldId}
        name="body"
        defaultValue={failed?.values.body}
        maxLength={COMMENT_MAX_LENGTH}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
      />
      {error ? (
        <p id={`${fieldId}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {parentId === null ? "댓글 등록" : "답글 등록"}
        </button>
      </div>
    </Form>
  );
}

interface CommentItemProps {
  comment: CommentView;
  postId: number;
  canReply: boolean;
  /** A reply refused by the server, when it came from this comment's form. */
  failedComment?: FailedComment;
  report?: ReportAnswer;
  replyOpen: boolean;
  reportOpen: boolean;
  /** The page's address, whose query the links 답글 and 신고 are without JavaScript keep. */
  location: { pathname: string; search: string };
  onToggle: (param: CommentFormParam) => void;
  children?: React.ReactNode;
}

function CommentItem({
  comment,
  postId,
  canReply,
  failedComment,
  report,
  replyOpen,
  reportOpen,
  location,
  onToggle,
  children,
}: CommentItemProps) {
  const reportHere = report?.values.commentId === String(comment.id) ? report : undefined;
  const toggleHref = (param: CommentFormParam, open: boolean) =>
    formToggleHref(location, param, open ? null : String(comment.id), `comment-${comment.id}`);
  return (
    // Focusable, so that landing on its address (a full page load or useCommentLanding) moves focus to it.
    <li id={`comment-${comment.id}`} className="comment" tabIndex={-1}>
      {comment.body === null ? (
        <p className="comment__deleted">
          {comment.authorBlocked
            ? "차단한 사용자의 댓글입니다"
            : comment.blinding === "hidden"
              ? BLINDED_COMMENT_TEXT
              : "삭제된 댓글입니다"}
        </p>
      ) : (
        <>
          <div className="comment__meta">
            <span className="comment__author">
              {comment.authorName}
              <MemberAdminLink href={comment.authorAdminHref} />
            </span>
            {comment.isPostAuthor ? <span className="comment__op">글쓴이</span> : null}
            {comment.blinding === "shown" ? (
              <span className="badge badge--blinded" title={BLINDED_COMMENT_TEXT}>
                블라인드
              </span>
            ) : null}
            <time dateTime={isoDate(comment.createdAt)}>{formatFullDate(comment.createdAt)}</time>
          </div>
          <p className="comment__body">{comment.body}</p>
          <div className="comment__tools">
            {canReply ? (
              <FormToggle
                formId={replyFormId(comment.id)}
                open={replyOpen}
                href={toggleHref(REPLY_PARAM, replyOpen)}
                onToggle={() => onToggle(REPLY_PARAM)}
              >
                답글
              </FormToggle>
            ) : null}
            {comment.canDelete ? (
              <Form
                method="post"
                preventScrollReset
                onSubmit={(event) => {
                  if (!window.confirm("이 댓글을 삭제할까요?")) event.preventDefault();
                }}
              >
                <input type="hidden" name="commentId" value={comment.id} />
                <button type="submit" name="intent" value="delete-comment" className="link-button">
                  삭제
                </button>
              </Form>
            ) : null}
            {comment.canBlock ? <BlockButton postId={postId} commentId={comment.id} /> : null}
          </div>
          {canReply && replyOpen ? (
            <CommentForm
              reply={{ threadId: comment.parentId ?? comment.id, commentId: comment.id }}
              failed={failedComment}
            />
          ) : null}
        </>
      )}
      {/* Outside the branches above, so a report that blinds the comment keeps its form and confirmation. */}
      {comment.canReport ? (
        <ReportForm
          commentId={comment.id}
          answer={reportHere}
          open={reportOpen}
          toggleHref={toggleHref(REPORT_PARAM, reportOpen)}
          onToggle={() => onToggle(REPORT_PARAM)}
        />
      ) : (
        <FormError message={reportHere?.fieldErrors.form} />
      )}
      {children}
    </li>
  );
}
