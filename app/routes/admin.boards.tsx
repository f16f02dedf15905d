import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { AdminNav } from "~/components/AdminNav";
import { FormField } from "~/components/FormField";
import { parseSubmission } from "~/lib/form-submission.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { ADMIN_FORM_MAX_BYTES, boardInputSchema, createBoard } from "~/models/board-admin.server";
import { listBoards } from "~/models/boards.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("게시판 관리", "마당의 게시판과 카테고리를 관리합니다.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  return { boards: await listBoards(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireAdmin(context, request);
  const submission = await parseSubmission(request, boardInputSchema, ADMIN_FORM_MAX_BYTES, ["slug", "name"]);
  const values = { ...submission.values, isAnonymous: Boolean(submission.fields.isAnonymous) };
  if (!submission.ok) return data({ values, fieldErrors: submission.fieldErrors }, 400);
  const created = await createBoard(context.db, submission.data, admin.id);
  if (!created.ok) return data({ values, fieldErrors: created.fieldErrors }, 400);
  return redirect(`/admin/boards/${submission.data.slug}`, 303);
}

export default function AdminBoardsPage() {
  const { boards } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = failed?.fieldErrors ?? {};
  return (
    <main>
      <h1 className="board-title">게시판 관리</h1>
      <AdminNav />
      <section className="panel" aria-labelledby="boards-title">
        <h2 id="boards-title">게시판</h2>
        <ul className="admin-board-list">
          {boards.map((board) => (
            <li key={board.slug}>
              <Link to={`/admin/boards/${board.slug}`}>
                {board.name} (/{board.slug})
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="new-board-title">
        <h2 id="new-board-title">새 게시판</h2>
        <Form method="post" className="form">
          <FormField
            name="slug"
            label="주소"
            defaultValue={failed?.values.slug}
            error={errors.slug}
            hint="영문 소문자, 숫자, 하이픈(-)으로 2~30자"
          />
          <FormField name="name" label="이름" defaultValue={failed?.values.name} error={errors.name} />
          <label>
            <input type="checkbox" name="isAnonymous" value="1" defaultChecked={failed?.values.isAnonymous} /> 익명
            게시판
          </label>
          <div>
            <button type="submit" className="button button--primary">
              만들기
            </button>
          </div>
        </Form>
      </section>
    </main>
  );
}
