import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { boardAdminIntents } from "~/actions/board-admin-intents.server";
import { requireAdmin } from "~/auth/session.server";
import { FormField } from "~/components/FormField";
import { readForm } from "~/lib/form-submission.server";
import { notFound } from "~/lib/http.server";
import { runIntent, type IntentAnswer } from "~/lib/intents.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { ADMIN_FORM_MAX_BYTES, getBoardForAdmin } from "~/models/board-admin.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(`${data?.board.name ?? "게시판"} 관리`, "게시판의 이름, 카테고리, 신고 기준을 관리합니다.");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(context, request);
  const board = await getBoardForAdmin(context.db, params.slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  return { board };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const admin = await requireAdmin(context, request);
  const board = await getBoardForAdmin(context.db, params.slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const form = await readForm(request, ADMIN_FORM_MAX_BYTES);
  return runIntent(boardAdminIntents, form, { db: context.db, board, adminId: admin.id });
}

export default function AdminBoardPage() {
  const { board } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  // A form with no known intent never comes from this page; its message shows with the board's settings.
  const boardForm = failed?.intent === "update-board" || failed?.intent === "unknown" ? failed : undefined;
  const categoryForm = (categoryId: number) =>
    failed?.intent === "update-category" && failed.values.categoryId === String(categoryId) ? failed : undefined;
  return (
    <main>
      <p>
        <Link to="/admin/boards">게시판 관리</Link> › <Link to={`/${board.slug}`}>/{board.slug}</Link>
      </p>
      <h1 className="board-title">{board.name} 관리</h1>
      <section className="panel" aria-labelledby="board-settings-title">
        <h2 id="board-settings-title">게시판 설정</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="update-board" />
          <FormField
            name="name"
            label="이름"
            defaultValue={boardForm?.values.name ?? board.name}
            error={boardForm?.fieldErrors.name}
          />
          <label>
            <input
              type="checkbox"
              name="isAnonymous"
              value="1"
              defaultChecked={boardForm ? Boolean(boardForm.values.isAnonymous) : board.isAnonymous}
            />{" "}
            익명 게시판
          </label>
          <FormField
            name="reportThreshold"
            label="신고 기준 (명)"
            defaultValue={boardForm?.values.reportThreshold ?? String(board.reportThreshold)}
            error={boardForm?.fieldErrors.reportThreshold}
            hint="이만큼의 회원이 신고한 글과 댓글은 바로 블라인드됩니다 (1~1000)."
          />
          {boardForm?.fieldErrors.form ? <p className="form-error">{boardForm.fieldErrors.form}</p> : null}
          <div>
            <button type="submit" className="button button--primary">
              저장
            </button>
          </div>
        </Form>
      </section>
      <section className="panel" aria-labelledby="categories-title">
        <h2 id="categories-title">카테고리</h2>
        {board.categories.map((category) => (
          <CategoryForm key={category.id} category={category} failed={categoryForm(category.id)} />
        ))}
        <h3>새 카테고리</h3>
        <CategoryForm failed={failed?.intent === "add-category" ? failed : undefined} />
      </section>
    </main>
  );
}

interface CategoryFormProps {
  category?: {
    id: number;
    slug: string;
    name: string;
    position: number;
    adminOnly: boolean;
    noticeBadge: string | null;
    postCount: number;
  };
  failed?: IntentAnswer;
}

function CategoryForm({ category, failed }: CategoryFormProps) {
  const key = category ? `category-${category.id}` : "new-category";
  const value = (field: "slug" | "name" | "position" | "noticeBadge") =>
    failed?.values[field] ?? String(category?.[field] ?? "");
  return (
    <Form
      method="post"
      className="form category-form"
      aria-label={category ? `${category.name} 카테고리` : "새 카테고리"}
    >
      <input type="hidden" name="intent" value={category ? "update-category" : "add-category"} />
      {category ? <input type="hidden" name="categoryId" value={category.id} /> : null}
      <FormField
        id={`${key}-slug`}
        name="slug"
        label="주소"
        defaultValue={value("slug")}
        error={failed?.fieldErrors.slug}
      />
      <FormField
        id={`${key}-name`}
        name="name"
        label="이름"
        defaultValue={value("name")}
        error={failed?.fieldErrors.name}
      />
      <FormField
        id={`${key}-position`}
        name="position"
        label="순서"
        defaultValue={value("position") || "0"}
        error={failed?.fieldErrors.position}
      />
      <FormField
        id={`${key}-notice-badge`}
        name="noticeBadge"
        label="공지 배지"
        hint="이 카테고리의 공지에 공지 대신 붙는 말(예: 이벤트). 비우면 공지."
        defaultValue={value("noticeBadge")}
        error={failed?.fieldErrors.noticeBadge}
      />
      <label>
        <input
          type="checkbox"
          name="adminOnly"
          value="1"
          defaultChecked={failed ? Boolean(failed.values.adminOnly) : category?.adminOnly}
        />{" "}
        관리자만 쓰기
      </label>
      <div>
        <button type="submit" className="button">
          {category ? "저장" : "추가"}
        </button>
        {category ? <span className="field-hint"> 글 {category.postCount}개</span> : null}
      </div>
    </Form>
  );
}
