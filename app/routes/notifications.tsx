import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notificationIntents, READ_ALL_PARAM } from "~/actions/notification-intents.server";
import { requireUser } from "~/auth/session.server";
import { FormError } from "~/components/FormError";
import { Pagination } from "~/components/Pagination";
import { formatCount, formatFullDate, isoDate } from "~/lib/format";
import { readForm } from "~/lib/form-submission.server";
import { runIntent } from "~/lib/intents.server";
import { parsePageNumber } from "~/lib/list-url";
import { notificationMessage } from "~/lib/notification-text";
import { assertSameOrigin } from "~/lib/origin.server";
import { listNotifications } from "~/models/notification-inbox.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("알림", "내 글과 댓글에 달린 댓글과 답글 알림입니다.");

const NOTIFICATIONS_FORM_MAX_BYTES = 1024;

// Suspended members still read and mark their notifications: nothing here writes to the board.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  const url = new URL(request.url);
  const list = await listNotifications(context.db, user, parsePageNumber(url.searchParams.get("page")));
  return { ...list, justReadAll: url.searchParams.get(READ_ALL_PARAM) === "all" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(context, request);
  const form = await readForm(request, NOTIFICATIONS_FORM_MAX_BYTES);
  return runIntent(notificationIntents, form, { db: context.db, user });
}

export default function NotificationsPage() {
  const { lines, total, page, pageCount, justReadAll } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <main>
      <h1 className="board-title">알림</h1>
      <p className="field-hint">
        내 글의 댓글, 내 댓글의 답글, 내 글과 댓글의 블라인드·복구를 알려 드립니다. 30일이 지난 알림은 지워집니다.{" "}
        <Link to="/settings/notifications">알림 설정</Link>
      </p>
      <FormError message={refused?.fieldErrors.form} />
      <p className="form-success" role="status">
        {justReadAll ? "알림을 모두 읽었습니다." : ""}
      </p>
      <div className="notifications__actions">
        <span className="status-line">알림 {formatCount(total)}개</span>
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button">
            모두 읽음
          </button>
        </Form>
      </div>
      <ol className="scrap-list">
        {lines.map((line) => (
          <NotificationRow key={line.id} line={line} />
        ))}
      </ol>
      {lines.length === 0 ? <p className="empty-row">알림이 없습니다.</p> : null}
      <Pagination page={page} pageCount={pageCount} href={(p) => `/notifications?page=${p}`} />
    </main>
  );
}

type Line = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];

function NotificationRow({ line }: { line: Line }) {
  const message = notificationMessage(line);
  return (
    <li className={line.read ? "panel scrap" : "panel scrap notification--unread"}>
      <div className="post-meta">
        {line.read ? null : <span className="badge">새 알림</span>}
        <span>{line.boardName}</span>
        <time dateTime={isoDate(line.updatedAt)}>{formatFullDate(line.updatedAt)}</time>
      </div>
      <h2 className="scrap__title">
        {/* Opening marks it read, then leads to the comment or post: never prefetched, which would read it unseen. */}
        <Link to={`/notifications/${line.id}`}>{message}</Link>
      </h2>
      <p className="notification__subject">
        {line.postTitle === null ? <del>삭제된 글</del> : <>「{line.postTitle}」</>}
        {line.commentExcerpt === null ? null : <> · {line.commentExcerpt}</>}
      </p>
    </li>
  );
}
