import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { CommentCount } from "~/components/CommentCount";
import { Pagination } from "~/components/Pagination";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { SCRAP_MEMO_MAX_LENGTH } from "~/lib/input-limits";
import { parseSubmission } from "~/lib/form-submission.server";
import { notFound } from "~/lib/http.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { parsePageNumber } from "~/lib/list-url";
import { listScraps, removeScrap, scrapFormSchema, updateScrapMemo } from "~/models/scraps.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("스크랩", "스크랩해 둔 글을 모아 봅니다.");

const SCRAP_FORM_MAX_BYTES = 8 * 1024;
const TITLE_QUERY_MAX_LENGTH = 100;

function listQueryOf(url: URL) {
  return {
    titleQuery: (url.searchParams.get("q") ?? "").trim().slice(0, TITLE_QUERY_MAX_LENGTH),
    page: parsePageNumber(url.searchParams.get("page")),
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const query = listQueryOf(new URL(request.url));
  const list = await listScraps(context.db, user, query);
  return { ...list, titleQuery: query.titleQuery };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(context, request);
  const submission = await parseSubmission(request, scrapFormSchema, SCRAP_FORM_MAX_BYTES, ["postId", "memo"]);
  if (!submission.ok) {
    const message = Object.values(submission.fieldErrors)[0] ?? "올바른 요청이 아닙니다.";
    return data({ ...submission.values, error: message }, 400);
  }
  const scrap = submission.data;
  const done =
    scrap.intent === "memo"
      ? await updateScrapMemo(context.db, user.id, scrap.postId, scrap.memo)
      : (await removeScrap(context.db, user.id, scrap.postId)) !== null;
  if (!done) throw notFound("스크랩한 글이 아닙니다.");
  const url = new URL(request.url);
  return redirect(`${url.pathname}${url.search}`, 303);
}

export default function ScrapsPage() {
  const { scraps, total, page, pageCount, titleQuery } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const pageHref = (p: number) =>
    `/scraps?${new URLSearchParams({ ...(titleQuery ? { q: titleQuery } : {}), page: String(p) })}`;
  return (
    <main>
      <h1 className="board-title">스크랩</h1>
      <Form method="get" className="board-actions" role="search">
        <label htmlFor="scrap-search" className="visually-hidden">
          제목 검색
        </label>
        <input
          id="scrap-search"
          type="search"
          name="q"
          defaultValue={titleQuery}
          maxLength={TITLE_QUERY_MAX_LENGTH}
          placeholder="제목 검색"
        />
        <button type="submit" className="button">
          검색
        </button>
      </Form>
      <p className="status-line">
        {titleQuery ? `"${titleQuery}" 검색 결과 ` : "스크랩한 글 "}
        {formatCount(total)}개
      </p>
      <ol className="scrap-list">
        {scraps.map((scrap) => {
          const error = failed && failed.postId === String(scrap.postId) ? failed : null;
          return (
            <li key={scrap.postId} className="panel scrap">
              <div className="post-meta">
                <span>{scrap.boardName}</span>
                {scrap.categoryName ? <span>{scrap.categoryName}</span> : null}
                <span>
                  글 <time dateTime={isoDate(scrap.postCreatedAt)}>{formatFullDate(scrap.postCreatedAt)}</time>
                </span>
                <span>
                  스크랩 <time dateTime={isoDate(scrap.scrappedAt)}>{formatFullDate(scrap.scrappedAt)}</time>
                </span>
              </div>
              <h2 className="scrap__title">
                {scrap.postDeletedAt === null ? (
                  <Link to={`/${scrap.boardSlug}/${scrap.postId}`}>{scrap.title}</Link>
                ) : (
                  <>
                    <span className="badge badge--deleted">삭제된 글</span> <del>{scrap.title}</del>
                  </>
                )}
                <CommentCount count={scrap.commentCount} />
              </h2>
              <Form method="post" className="scrap__memo">
                <input type="hidden" name="intent" value="memo" />
                <input type="hidden" name="postId" value={scrap.postId} />
                <label htmlFor={`memo-${scrap.postId}`}>메모</label>
                <input
                  id={`memo-${scrap.postId}`}
                  type="text"
                  name="memo"
                  defaultValue={error ? error.memo : scrap.memo}
                  maxLength={SCRAP_MEMO_MAX_LENGTH}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `memo-${scrap.postId}-error` : undefined}
                />
                <button type="submit" className="button">
                  메모 저장
                </button>
                {error ? (
                  <p id={`memo-${scrap.postId}-error`} className="field-error" role="alert">
                    {error.error}
                  </p>
                ) : null}
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="postId" value={scrap.postId} />
                <button type="submit" className="button button--danger" aria-label={`${scrap.title} 스크랩 삭제`}>
                  스크랩 삭제
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
      {scraps.length === 0 ? (
        <p className="empty-row">{titleQuery ? "찾는 스크랩이 없습니다." : "아직 스크랩한 글이 없습니다."}</p>
      ) : null}
      <Pagination page={page} pageCount={pageCount} href={pageHref} />
    </main>
  );
}
