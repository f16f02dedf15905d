import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { AdminNav } from "~/components/AdminNav";
import { Pagination } from "~/components/Pagination";
import { ADMIN_ACTION_LABELS, ADMIN_TARGET_LABELS } from "~/lib/admin-action-labels";
import { formatFullDate, isoDate } from "~/lib/format";
import { parsePageNumber } from "~/lib/list-url";
import { listAdminActions } from "~/models/admin-log.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("관리 기록", "마당 관리자들이 한 일을 기록한 목록입니다.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const page = parsePageNumber(new URL(request.url).searchParams.get("page"));
  return listAdminActions(context.db, page);
}

export default function AdminLogPage() {
  const { entries, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">관리 기록</h1>
      <AdminNav />
      <section className="panel">
        <table className="board-table">
          <thead>
            <tr>
              <th scope="col">언제</th>
              <th scope="col">누가</th>
              <th scope="col">무엇을</th>
              <th scope="col">대상</th>
              <th scope="col">사유</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="col-date">
                  <time dateTime={isoDate(entry.createdAt)}>{formatFullDate(entry.createdAt)}</time>
                </td>
                <td>{entry.adminName}</td>
                <td>{ADMIN_ACTION_LABELS[entry.action] ?? entry.action}</td>
                <td className="col-title">
                  {ADMIN_TARGET_LABELS[entry.targetKind]}{" "}
                  {entry.targetHref ? <Link to={entry.targetHref}>{entry.summary}</Link> : entry.summary}
                </td>
                <td>{entry.reason}</td>
              </tr>
            ))}
            {entries.length === 0 ? (
              <tr className="empty-row">
                <td colSpan={5}>아직 기록이 없습니다.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <Pagination page={page} pageCount={pageCount} href={(p) => `/admin/log?page=${p}`} />
      </section>
    </main>
  );
}
