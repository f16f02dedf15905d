import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { memberAdminIntents } from "~/actions/member-admin-intents.server";
import { requireAdmin } from "~/auth/session.server";
import { FormAlert, FormField } from "~/components/FormField";
import { readForm } from "~/lib/form-submission.server";
import { formatCount, formatFullDate } from "~/lib/format";
import { notFound } from "~/lib/http.server";
import { runIntent } from "~/lib/intents.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { ADMIN_FORM_MAX_BYTES } from "~/models/board-admin.server";
import { isAdmin } from "~/models/permissions";
import { SUSPENSION_LENGTHS } from "~/lib/suspension-lengths";
import { getMemberForAdmin } from "~/models/suspensions.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`${data?.member.username ?? "회원"} 관리`, "회원의 이용 정지와 관리 기록을 봅니다.");

const LENGTH_LABELS: Record<(typeof SUSPENSION_LENGTHS)[number], string> = {
  "1": "1일",
  "3": "3일",
  "7": "7일",
  "30": "30일",
  permanent: "영구",
};

async function loadMember({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(context, request);
  const member = await getMemberForAdmin(context.db, params.username ?? "");
  if (!member) throw notFound("없는 회원입니다.");
  return { admin, member };
}

export async function loader(args: LoaderFunctionArgs) {
  const { admin, member } = await loadMember(args);
  return { member, canSuspend: !isAdmin(member) && member.id !== admin.id };
}

export async function action(args: ActionFunctionArgs) {
  assertSameOrigin(args.request);
  const { admin, member } = await loadMember(args);
  const form = await readForm(args.request, ADMIN_FORM_MAX_BYTES);
  return runIntent(memberAdminIntents, form, { db: args.context.db, admin, member });
}

function until(endsAt: number | null) {
  return endsAt === null ? "영구" : `${formatFullDate(endsAt)}까지`;
}

export default function MemberAdminPage() {
  const { member, canSuspend } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <main>
      <h1 className="board-title">{member.username} 회원 관리</h1>
      <section className="panel" aria-labelledby="member-title">
        <h2 id="member-title">회원 정보</h2>
        <dl className="member-facts">
          <dt>가입일</dt>
          <dd>{formatFullDate(member.createdAt)}</dd>
          <dt>권한</dt>
          <dd>{member.role === "admin" ? "관리자" : "회원"}</dd>
          <dt>글</dt>
          <dd>{formatCount(member.postCount)}</dd>
          <dt>댓글</dt>
          <dd>{formatCount(member.commentCount)}</dd>
          <dt>상태</dt>
          <dd>
            {member.active ? `이용 정지 (${until(member.active.endsAt)}) · 사유: ${member.active.reason}` : "정상"}
          </dd>
        </dl>
        <FormAlert message={failed?.fieldErrors.form} />
      </section>
      {member.active ? (
        <section className="panel" aria-labelledby="lift-title">
          <h2 id="lift-title">정지 해제</h2>
          <Form method="post">
            <button type="submit" name="intent" value="lift" className="button">
              정지 해제
            </button>
          </Form>
        </section>
      ) : null}
      {canSuspend ? (
        <section className="panel" aria-labelledby="suspend-title">
          <h2 id="suspend-title">이용 정지</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="suspend" />
            <div className="field">
              <label htmlFor="field-days">기간</label>
              <select id="field-days" name="days" defaultValue={failed?.values.days || "1"}>
                {SUSPENSION_LENGTHS.map((length) => (
                  <option key={length} value={length}>
                    {LENGTH_LABELS[length]}
                  </option>
                ))}
              </select>
              {failed?.fieldErrors.days ? <p className="field-error">{failed.fieldErrors.days}</p> : null}
            </div>
            <FormField
              name="reason"
              label="사유"
              defaultValue={failed?.values.reason}
              error={failed?.fieldErrors.reason}
              hint="200자 이하. 회원이 글을 쓰려 할 때 보입니다."
            />
            <div>
              <button type="submit" className="button button--danger">
                정지하기
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">정지 이력</h2>
        {member.suspensions.length === 0 ? (
          <p>이력이 없습니다.</p>
        ) : (
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">시작</th>
                <th scope="col">기간</th>
                <th scope="col">사유</th>
                <th scope="col">관리자</th>
                <th scope="col">해제</th>
              </tr>
            </thead>
            <tbody>
              {member.suspensions.map((suspension) => (
                <tr key={suspension.id}>
                  <td>{formatFullDate(suspension.startsAt)}</td>
                  <td>{until(suspension.endsAt)}</td>
                  <td>{suspension.reason}</td>
                  <td>{suspension.adminName}</td>
                  <td>{suspension.liftedAt === null ? "" : formatFullDate(suspension.liftedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
