import { FormError } from "~/components/FormError";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { REPORT_QUEUE_FORM_MAX_BYTES, reportQueueIntents } from "~/actions/report-queue-intents.server";
import { requireAdmin } from "~/auth/session.server";
import { AdminNav } from "~/components/AdminNav";
import { Pagination } from "~/components/Pagination";
import { formatFullDate, isoDate } from "~/lib/format";
import { readForm } from "~/lib/form-submission.server";
import { runIntent } from "~/lib/intents.server";
import { parsePageNumber } from "~/lib/list-url";
import { assertSameOrigin } from "~/lib/origin.server";
import { reportReasonLabel } from "~/lib/report-reasons";
import { listReportQueue } from "~/models/reports.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("신고 처리", "회원들이 신고한 글과 댓글을 확인하고 처리합니다.");

const COMMENT_EXCERPT_LENGTH = 80;

function queuePathOf(request: Request) {
  const page = parsePageNumber(new URL(request.url).searchParams.get("page"));
  return page === 1 ? "/admin/reports" : `/admin/reports?page=${page}`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const page = parsePageNumber(new URL(request.url).searchParams.get("page"));
  return listReportQueue(context.db, page);
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireAdmin(context, request);
  const form = await readForm(request, REPORT_QUEUE_FORM_MAX_BYTES);
  return runIntent(reportQueueIntents, form, { db: context.db, admin, queuePath: queuePathOf(request) });
}

type QueueItem = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function ReportQueuePage() {
  const { items, total, page, pageCount } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <main>
      <h1 className="board-title">신고 처리</h1>
      <AdminNav />
      <section className="panel" aria-labelledby="queue-title">
        <h2 id="queue-title">처리할 신고 {total}건</h2>
        {/* A refused reason shows under its item; anything else was not typed on this page. */}
        {failed && !failed.fieldErrors.reason ? (
          <FormError message={String(Object.values(failed.fieldErrors)[0] ?? "")} />
        ) : null}
        {items.map((item) => (
          <QueueEntry
            key={`${item.postId}-${item.commentId ?? "post"}`}
            item={item}
            failed={
              failed?.values.postId === String(item.postId) &&
              (failed.values.commentId || null) === (item.commentId === null ? null : String(item.commentId))
                ? failed
                : undefined
            }
          />
        ))}
        {items.length === 0 ? <p className="empty-row">처리할 신고가 없습니다.</p> : null}
        <Pagination page={page} pageCount={pageCount} href={(p) => `/admin/reports?page=${p}`} />
      </section>
    </main>
  );
}

function QueueEntry({
  item,
  failed,
}: {
  item: QueueItem;
  failed?: { values: Record<string, string>; fieldErrors: Record<string, string | undefined> };
}) {
  const postPath = `/${item.boardSlug}/${item.postId}`;
  const label =
    item.commentId === null
      ? `글: ${item.title}`
      : `댓글: ${Array.from(item.commentBody ?? "")
          .slice(0, COMMENT_EXCERPT_LENGTH)
          .join("")}`;
  const reasonId = `moderation-reason-${item.postId}-${item.commentId ?? "post"}`;
  return (
    <article className="report-queue__item" aria-label={label}>
      <p>
        <span className="badge badge--category">{item.boardName}</span>{" "}
        <Link to={item.commentId === null ? postPath : `${postPath}#comment-${item.commentId}`}>{label}</Link>
        {item.commentId === null ? null : <span className="field-hint"> (글: {item.title})</span>}
        {item.blinded ? <span className="badge badge--blinded">블라인드</span> : null}
      </p>
      <p className="field-hint">
        신고 {item.openCount}건 (누적 {item.reportCount}명, 기준 {item.threshold}명) · 마지막 신고{" "}
        <time dateTime={isoDate(item.lastReportedAt)}>{formatFullDate(item.lastReportedAt)}</time>
      </p>
      <ul aria-label="사유별 신고 수">
        {item.counts.map((c) => (
          <li key={c.reason}>
            {reportReasonLabel(c.reason)} {c.count}건
          </li>
        ))}
      </ul>
      {item.details.length > 0 ? (
        <ul aria-label="신고 내용">
          {item.details.map((d, i) => (
            <li key={i}>
              [{reportReasonLabel(d.reason)}] {d.detail}
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="report-queue__actions">
        <input type="hidden" name="postId" value={item.postId} />
        {item.commentId === null ? null : <input type="hidden" name="commentId" value={item.commentId} />}
        <label htmlFor={reasonId}>처리 사유</label>
        <input
          id={reasonId}
          name="reason"
          maxLength={200}
          defaultValue={failed?.values.reason}
          aria-invalid={failed?.fieldErrors.reason ? true : undefined}
        />
        <button type="submit" name="intent" value="keep" className="button">
          블라인드 유지
        </button>
        <button type="submit" name="intent" value="restore" className="button">
          복구
        </button>
        <button type="submit" name="intent" value="delete" className="button button--danger">
          삭제
        </button>
        {failed?.fieldErrors.reason ? (
          <p className="field-error" role="alert">
            {failed.fieldErrors.reason}
          </p>
        ) : null}
      </Form>
    </article>
  );
}
