import { data } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import type { BoardWithCategories } from "~/models/boards.server";
import { canPostIn } from "~/models/permissions";
import type { PostingRefusal } from "~/models/posting-limits.server";
import type { PostContent } from "~/models/posts.server";
import { parseForm, readForm } from "~/lib/form-submission.server";
import { formFields, type FieldErrors } from "~/lib/forms";
import { tooManyRequests } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { POST_FORM_MAX_BYTES } from "~/lib/input-limits";
import { postSchema } from "~/lib/post-schemas.server";

export const ADMIN_ONLY_CATEGORY_MESSAGE = "관리자만 쓸 수 있는 카테고리입니다.";

/** The categories the editor offers this user: members never see admin-only ones such as 이벤트. */
export function writableCategories(board: BoardWithCategories, user: SessionUser) {
  return board.categories.filter((c) => canPostIn(user, c)).map((c) => ({ slug: c.slug, name: c.name }));
}

export interface PostSubmission {
  intent: "preview" | "save";
  values: { category: string; title: string; body: string };
  fieldErrors: FieldErrors;
  content: PostContent | null;
  previewHtml: string | null;
}

/** Reads and checks the write/edit form; `content` is set only when everything is valid. */
export async function readPostSubmission(
  request: Request,
  board: BoardWithCategories,
  user: SessionUser,
): Promise<PostSubmission> {
  const form = await readForm(request, POST_FORM_MAX_BYTES);
  const fields = formFields(form);
  const intent = fields.intent === "preview" ? "preview" : "save";
  const values = { category: fields.category ?? "", title: fields.title ?? "", body: fields.body ?? "" };
  const parsed = parseForm(postSchema, form);
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  const category = board.categories.find((c) => c.slug === values.category);
  if (values.category && !category) fieldErrors.category = "이 게시판에 없는 카테고리입니다.";
  else if (category && !canPostIn(user, category)) fieldErrors.category = ADMIN_ONLY_CATEGORY_MESSAGE;
  if (intent === "preview") {
    // A preview is not a submission: only a body that cannot be rendered deserves a message.
    const bodyError = fieldErrors.body;
    return {
      intent,
      values,
      fieldErrors: bodyError ? { body: bodyError } : {},
      content: null,
      previewHtml: bodyError ? null : renderMarkdown(values.body),
    };
  }
  const content =
    parsed.ok && category && Object.keys(fieldErrors).length === 0
      ? { categoryId: category.id, title: parsed.data.title, bodyMd: parsed.data.body }
      : null;
  return { intent, values, fieldErrors, content, previewHtml: null };
}

/** A form that was not saved goes back to the editor: a 400 with its messages, or a 200 with the preview. */
export function editorAnswer({ values, fieldErrors, previewHtml }: PostSubmission) {
  return data({ values, fieldErrors, previewHtml }, Object.keys(fieldErrors).length > 0 ? 400 : 200);
}

/** A post or comment the posting limits refused: 429 with Retry-After when too fast, 400 for the same body again. */
export function postingRefusalInit(refusal: PostingRefusal): ResponseInit {
  return refusal.kind === "too-fast" ? tooManyRequests(refusal.retryAfterSeconds) : { status: 400 };
}

/** The editor again with what was typed and the limit's message. */
export function refusedEditorAnswer({ values }: PostSubmission, refusal: PostingRefusal) {
  return data(
    { values, fieldErrors: { form: refusal.message } as FieldErrors, previewHtml: null },
    postingRefusalInit(refusal),
  );
}
