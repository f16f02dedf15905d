import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSessionUser, requireAdmin } from "~/auth/session.server";
import { NoticeBadge } from "~/components/NoticeBadge";
import { formatFullDate, isoDate } from "~/lib/format";
import { parseSubmission } from "~/lib/form-submission.server";
import { notFound } from "~/lib/http.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { listAllNotices, moveNotice, noticeFormSchema, removeNotice } from "~/models/notices.server";
import { isAdmin } from "~/models/permissions";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("공지", "마당의 모든 게시판 공지를 모아 봅니다.");

const NOTICE_FORM_MAX_BYTES = 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context, request);
  const notices = await listAllNotices(context.db, user);
  return { ...notices, isAdmin: isAdmin(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireAdmin(context, request);
  const submission = await parseSubmission(request, noticeFormSchema, NOTICE_FORM_MAX_BYTES);
  if (!submission.ok) return data({ error: "올바른 요청이 아닙니다." }, 400);
  const notice = submission.data;
  if (notice.intent === "remove") {
    if (!(await removeNotice(context.db, notice.postId, admin.id))) throw notFound("없는 글입니다.");
  } else if (!(await moveNotice(context.db, notice.postId, notice.direction, admin.id))) {
    return data({ error: "더 옮길 수 없습니다." }, 400);
  }
  return redirect("/notices", 303);
}

type NoticeRow = Awaited<ReturnType<typeof listAllNotices>>["global"][number];

export default function NoticesPage() {
  const { global, boards, isAdmin } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">공지</h1>
      <NoticeGroup title="전체 공지" notices={global} isAdmin={isAdmin} />
      {boards.map((board) => (
        <NoticeGroup key={board.slug} title={`${board.name} 공지`} notices={board.notices} isAdmin={isAdmin} />
      ))}
      {global.length === 0 && boards.length === 0 ? <p className="empty-row">공지가 없습니다.</p> : null}
    </main>
  );
}

function NoticeGroup({ title, notices, isAdmin }: { title: string; notices: NoticeRow[]; isAdmin: boolean }) {
  if (notices.length === 0) return null;
  return (
    <section className="panel" aria-label={title}>
      <h2 className="board-title">{title}</h2>
      <table className="board-table">
        <tbody>
          {notices.map((notice, index) => (
            <tr key={notice.id} className="post-row notice-row">
              <td className="col-no">
                <NoticeBadge badge={notice.noticeBadge} />
              </td>
              <td className="col-category">{notice.boardName}</td>
              <td className="col-title">
                <Link to={`/${notice.boardSlug}/${notice.id}`}>{notice.title}</Link>
              </td>
              <td className="col-date">
                <time dateTime={isoDate(notice.createdAt)}>{formatFullDate(notice.createdAt)}</time>
              </td>
              {isAdmin ? (
                <td className="col-views">
                  <NoticeButton notice={notice} intent="move" direction="up" label="위로" disabled={index === 0} />
                  {" · "}
                  <NoticeButton
                    notice={notice}
                    intent="move"
                    direction="down"
                    label="아래로"
                    disabled={index === notices.length - 1}
                  />
                  {" · "}
                  <NoticeButton notice={notice} intent="remove" label="공지 내리기" />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface NoticeButtonProps {
  notice: { id: number; title: string };
  intent: "move" | "remove";
  direction?: "up" | "down";
  label: string;
  disabled?: boolean;
}

function NoticeButton({ notice, intent, direction, label, disabled }: NoticeButtonProps) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="postId" value={notice.id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" className="link-button" disabled={disabled} aria-label={`${notice.title} ${label}`}>
        {label}
      </button>
    </Form>
  );
}
