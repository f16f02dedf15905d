import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { FormField } from "~/components/FormField";
import { parseForm, readForm } from "~/lib/form-submission.server";
import { formFields, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { assertSameOrigin } from "~/lib/origin.server";
import {
  addCategory,
  ADMIN_FORM_MAX_BYTES,
  boardSettingsSchema,
  categoryInputSchema,
  getBoardForAdmin,
  updateBoardSettings,
  updateCategory,
} from "~/models/board-admin.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.board.name ?? "게시판"} 관리 - 마당` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAdmin(context.db, request);
  const board = await getBoardForAdmin(context.db, params.slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  return { board };
}

/** Which form failed ("board", "new-category" or a category id), its values as sent, and the messages. */
interface FailedForm {
  form: string;
  values: Record<string, string>;
  fieldErrors: FieldErrors;
}

function refused(form: string, values: Record<string, string>, fieldErrors: FieldErrors) {
  return data<FailedForm>({ form, values, fieldErrors }, 400);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await requireAdmin(context.db, request);
  const board = await getBoardForAdmin(context.db, params.slug ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const form = await readForm(request, ADMIN_FORM_MAX_BYTES);
  const values = formFields(form);
  const backHere = redirect(`/admin/boards/${board.slug}`, 303);

  if (values.intent === "update-board") {
    const parsed = parseForm(boardSettingsSchema, form);
    if (!parsed.ok) return refused("board", values, parsed.fieldErrors);
    await updateBoardSettings(context.db, board.id, parsed.data);
    return backHere;
  }
  if (values.intent === "add-category" || values.intent === "update-category") {
    const categoryId = values.intent === "update-category" ? parseId(values.categoryId) : null;
    const formName = categoryId === null ? "new-category" : String(categoryId);
    if (values.intent === "update-category" && categoryId === null) throw notFound("없는 카테고리입니다.");
    const parsed = parseForm(categoryInputSchema, form);
    if (!parsed.ok) return refused(formName, values, parsed.fieldErrors);
    const result =
      categoryId === null
        ? await addCategory(context.db, board.id, parsed.data)
        : await updateCategory(context.db, board.id, categoryId, parsed.data);
    if (result === null) throw notFound("없는 카테고리입니다.");
    if (!result.ok) return refused(formName, values, result.fieldErrors);
    return backHere;
  }
  return refused("board", values, { form: "올바른 요청이 아닙니다." });
}

export default function AdminBoardPage() {
  const { board } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const failedFor = (form: string) => (failed?.form === form ? failed : undefined);
  const boardForm = failedFor("board");
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
          <CategoryForm key={category.id} category={category} failed={failedFor(String(category.id))} />
        ))}
        <h3>새 카테고리</h3>
        <CategoryForm failed={failedFor("new-category")} />
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
  failed?: FailedForm;
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
