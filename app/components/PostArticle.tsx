import { FormError } from "./FormError";
import { Form, Link, useLocation } from "@remix-run/react";
import { useReducer } from "react";
import { BlockButton } from "./BlockButton";
import { formToggleHref, POST_REPORT, REPORT_PARAM } from "~/lib/comment-forms";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { MemberAdminLink } from "./MemberAdminLink";
import { BLINDED_POST_TEXT, type Blinding } from "~/models/blinding";
import { ReportForm, type ReportAnswer } from "./ReportForm";

interface PostArticleProps {
  post: {
    id: number;
    title: string;
    bodyHtml: string;
    categoryName: string | null;
    viewCount: number;
    commentCount: number;
    scrapCount: number;
    noticeScope: string;
    createdAt: number;
    /** In the HOT ranking now. */
    hot: boolean;
    authorName: string;
    authorBlocked: boolean;
    authorAdminHref: string | null;
    blinding: Blinding;
  };
  reader: {
    loggedIn: boolean;
    isAdmin: boolean;
    canEdit: boolean;
    canBlock: boolean;
    canReport: boolean;
    scrapped: boolean;
  };
  boardSlug: string;
  listHref: string;
  noticeError?: string;
  /** The answer to this post's report form sent without JavaScript. */
  report?: ReportAnswer;
  /** The page's address opens the post's report form (`?report=post`). */
  reportOpened: boolean;
}

const POST_REPORT_TOGGLE_ID = "report-post-toggle";

export function PostArticle({
  post,
  reader,
  boardSlug,
  listHref,
  noticeError,
  report,
  reportOpened,
}: PostArticleProps) {
  const postPath = `/${boardSlug}/${post.id}`;
  const location = useLocation();
  const [reportOpen, toggleReport] = useReducer((open: boolean) => !open, reportOpened);
  // Shown twice (by the title and at the end); it has no ids, so the copies never clash.
  const scrapButton = (
    <ScrapButton postPath={postPath} loggedIn={reader.loggedIn} scrapped={reader.scrapped} count={post.scrapCount} />
  );
  return (
    <article className="panel post">
      <header className="post-header">
        {post.hot ? (
          <Link to="/hot" className="badge badge--hot" title="지금 HOT 순위에 있는 글">
            HOT
          </Link>
        ) : null}
        {post.categoryName ? <span className="post-category">{post.categoryName}</span> : null}
        <h1>{post.title}</h1>
        <div className="post-meta">
          <span>
            {post.authorName}
            <MemberAdminLink href={post.authorAdminHref} />
          </span>
          <span>조회 {formatCount(post.viewCount)}</span>
          <time dateTime={isoDate(post.createdAt)}>{formatFullDate(post.createdAt)}</time>
        </div>
        {/* Within a thumb's reach on a phone, as well as at the end of the post. */}
        <div className="post-header__actions">
          <a href="#comments" className="button">
            댓글 {formatCount(post.commentCount)}
          </a>
          {scrapButton}
        </div>
      </header>
      {post.blinding === "shown" ? (
        <p className="blinded-mark" role="note">
          {BLINDED_POST_TEXT}. 글쓴이와 관리자에게만 보입니다.
        </p>
      ) : null}
      {post.blinding === "hidden" ? (
        <p className="post-body blinded-text">{BLINDED_POST_TEXT}</p>
      ) : post.authorBlocked ? (
        <details className="post-blocked">
          <summary>차단한 사용자의 글입니다. 누르면 펼쳐 봅니다.</summary>
          <PostBody html={post.bodyHtml} />
        </details>
      ) : (
        <PostBody html={post.bodyHtml} />
      )}
      <footer className="post-footer">
        <Link to={listHref} className="button">
          목록
        </Link>
        <div className="post-footer__actions">
          {reader.canEdit ? (
            <>
              <Link to={`${postPath}/edit`} className="button">
                수정
              </Link>
              <Form
                method="post"
                onSubmit={(event) => {
                  if (!window.confirm("이 글을 삭제할까요?")) event.preventDefault();
                }}
              >
                <button type="submit" name="intent" value="delete" className="button button--danger">
                  삭제
                </button>
              </Form>
            </>
          ) : null}
          {reader.canBlock ? <BlockButton postId={post.id} /> : null}
          {scrapButton}
        </div>
      </footer>
      {reader.canReport ? (
        <ReportForm
          toggleId={POST_REPORT_TOGGLE_ID}
          answer={report}
          open={reportOpen}
          toggleHref={formToggleHref(location, REPORT_PARAM, reportOpen ? null : POST_REPORT, POST_REPORT_TOGGLE_ID)}
          onToggle={toggleReport}
        />
      ) : (
        <FormError message={report?.fieldErrors.form} />
      )}
      {reader.isAdmin ? <NoticeControls noticeScope={post.noticeScope} error={noticeError} /> : null}
    </article>
  );
}

function PostBody({ html }: { html: string }) {
  // Rendered from Markdown and sanitized once, when the post was written.
  return <div className="post-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

function ScrapButton({
  postPath,
  loggedIn,
  scrapped,
  count,
}: {
  postPath: string;
  loggedIn: boolean;
  scrapped: boolean;
  count: number;
}) {
  const label = `스크랩 (${formatCount(count)})`;
  if (!loggedIn) {
    return (
      <Link to={`/login?${new URLSearchParams({ redirectTo: postPath })}`} className="button">
        {label}
      </Link>
    );
  }
  return (
    <Form method="post" preventScrollReset>
      <button
        type="submit"
        name="intent"
        value={scrapped ? "unscrap" : "scrap"}
        className="button"
        aria-pressed={scrapped}
        title={scrapped ? "스크랩을 취소합니다" : "내 스크랩에 담습니다"}
      >
        {label}
      </button>
    </Form>
  );
}

function NoticeControls({ noticeScope, error }: { noticeScope: string; error?: string }) {
  return (
    <Form method="post" className="notice-controls" preventScrollReset>
      {noticeScope === "none" ? (
        <>
          <label htmlFor="notice-scope">공지 범위</label>
          <select
            id="notice-scope"
            name="scope"
            defaultValue="board"
            aria-describedby={error ? "notice-scope-error" : undefined}
          >
            <option value="board">이 게시판 공지</option>
            <option value="global">전체 공지</option>
          </select>
          <button type="submit" name="intent" value="add-notice" className="button">
            공지로 올리기
          </button>
        </>
      ) : (
        <>
          <span>{noticeScope === "global" ? "전체 공지로 올라 있음" : "게시판 공지로 올라 있음"}</span>
          <button type="submit" name="intent" value="remove-notice" className="button">
            공지 내리기
          </button>
        </>
      )}
      {error ? (
        <p id="notice-scope-error" className="field-error">
          {error}
        </p>
      ) : null}
    </Form>
  );
}
