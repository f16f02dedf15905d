import { data } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import type { SessionUser } from "~/auth/session.server";
import type { BoardWithCategories } from "~/models/boards.server";
import { canPostIn } from "~/models/permissions";
import type { PostingRefusal } from "~/models/posting-limits.server";
import type { PostContent } from "~/models/posts.server";
import { parseForm } from "~/lib/form-submission.server";
import { formFields, type FieldErrors } from "~/lib/forms";
import { tooManyRequests } from "~/lib/http.server";
import { readImageForm } from "~/lib/image-form.server";
import { renderMarkdown, uploadHashesIn } from "~/lib/markdown.server";
import { POST_FORM_MAX_BYTES } from "~/lib/input-limits";
import { postSchema } from "~/lib/post-schemas.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { findUploadSizes } from "~/models/uploads.server";
import { acceptImages } from "./image-uploads.server";

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
  /** How images sent with the form were refused (413, 400, 429): the form comes back as typed, nothing stored. */
  imageRefusal: ResponseInit | null;
}

/** Images sent with the form go after the body, one a line, as the editor's script would have inserted them. */
function withImages(body: string, markdown: readonly string[]): string {
  if (markdown.length === 0) return body;
  const text = body.trimEnd();
  return `${text}${text ? "\n\n" : ""}${markdown.join("\n")}`;
}

/**
 * Reads and checks the write/edit form; `content` is set only when everything is valid. Images in its file field
 * `images` are checked, stored and added to the body before the body is checked, on a preview too (so the preview
 * shows them and the form, shown again, keeps them in its body); one refused image refuses them all.
 */
export async function readPostSubmission(
  db: Kysely<Database>,
  request: Request,
  board: BoardWithCategories,
  user: SessionUser,
): Promise<PostSubmission> {
  const { form, files, refusal } = await readImageForm(request, {
    fileField: "images",
    maxTextBytes: POST_FORM_MAX_BYTES,
  });
  const fields = formFields(form);
  const intent = fields.intent === "preview" ? "preview" : "save";
  const values = { category: fields.category ?? "", title: fields.title ?? "", body: fields.body ?? "" };
  const accepted = refusal ? null : files.length > 0 ? await acceptImages(db, user, files) : null;
  const imageError = refusal ?? (accepted && !accepted.ok ? accepted : null);
  if (imageError) {
    const retryAfter = "retryAfterSeconds" in imageError ? imageError.retryAfterSeconds : undefined;
    return {
      intent,
      values,
      fieldErrors: { images: imageError.message },
      content: null,
      previewHtml: null,
      imageRefusal: { status: imageError.status, headers: retryAfter ? retryAfterHeaders(retryAfter) : undefined },
    };
  }
  if (accepted?.ok) {
    values.body = withImages(
      values.body,
      accepted.uploads.map((upload) => upload.markdown),
    );
    form.set("body", values.body);
  }
  const parsed = parseForm(postSchema, form);
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  const category = board.categories.find((c) => c.slug === values.category);
  if (values.category && !category) fieldErrors.category = "이 게시판에 없는 카테고리입니다.";
  else if (category && !canPostIn(user, category)) fieldErrors.category = ADMIN_ONLY_CATEGORY_MESSAGE;
  if (intent === "preview") {
    // A preview is not a submission: only a body that cannot be rendered deserves a message.
    const bodyError = fieldErrors.body;
    const uploads = bodyError ? null : await findUploadSizes(db, uploadHashesIn(values.body));
    return {
      intent,
      values,
      fieldErrors: bodyError ? { body: bodyError } : {},
      content: null,
      previewHtml: uploads ? renderMarkdown(values.body, uploads) : null,
      imageRefusal: null,
    };
  }
  const content =
    parsed.ok && category && Object.keys(fieldErrors).length === 0
      ? { categoryId: category.id, title: parsed.data.title, bodyMd: parsed.data.body }
      : null;
  return { intent, values, fieldErrors, content, previewHtml: null, imageRefusal: null };
}

/**
 * A form that was not saved goes back to the editor: with the images' refusal (413, 400 or 429), a 400 with its
 * messages, or a 200 with the preview.
 */
export function editorAnswer({ values, fieldErrors, previewHtml, imageRefusal }: PostSubmission) {
  const init = imageRefusal ?? { status: Object.keys(fieldErrors).length > 0 ? 400 : 200 };
  return data({ values, fieldErrors, previewHtml }, init);
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
