import { FormError } from "./FormError";
import { Form, Link, useNavigation } from "@remix-run/react";
import { BODY_MAX_BYTES, IMAGE_MAX_BYTES, IMAGES_PER_FORM_MAX, TITLE_MAX_LENGTH } from "~/lib/input-limits";
import { useImageUploads } from "./useImageUploads";

export interface PostEditorProps {
  categories: { slug: string; name: string }[];
  values: { category: string; title: string; body: string };
  fieldErrors: Partial<Record<"category" | "title" | "body" | "images" | "form", string>>;
  previewHtml: string | null;
  submitLabel: string;
  cancelHref: string;
}

/**
 * The write and edit form. "미리보기" submits the same form with intent=preview, so the preview works
 * without JavaScript too; nothing the user typed is lost either way. The form is multipart: images chosen in its
 * file input go with it and are added after the body; with JavaScript they are uploaded as soon as they are picked,
 * pasted or dropped on the body, and their Markdown goes where the cursor is.
 */
export function PostEditor({ categories, values, fieldErrors, previewHtml, submitLabel, cancelHref }: PostEditorProps) {
  const navigation = useNavigation();
  const { bodyRef, status: uploadStatus, uploading, onPick } = useImageUploads();
  const busy = navigation.state === "submitting" || uploading;
  const describedBy = (field: string) =>
    fieldErrors[field as keyof typeof fieldErrors] ? `${field}-error` : undefined;
  return (
    <Form method="post" encType="multipart/form-data" className="form post-editor" noValidate>
      <FormError message={fieldErrors.form} />
      <div className="field">
        <label htmlFor="category">카테고리</label>
        <select
          id="category"
          name="category"
          defaultValue={values.category}
          aria-invalid={fieldErrors.category ? true : undefined}
          aria-describedby={describedBy("category")}
        >
          <option value="">카테고리 선택</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError field="category" message={fieldErrors.category} />
      </div>
      <div className="field">
        <label htmlFor="title">제목</label>
        <input
          id="title"
          name="title"
          type="text"
          defaultValue={values.title}
          maxLength={TITLE_MAX_LENGTH}
          aria-invalid={fieldErrors.title ? true : undefined}
          aria-describedby={describedBy("title")}
        />
        <FieldError field="title" message={fieldErrors.title} />
      </div>
      <div className="field">
        <label htmlFor="body">본문</label>
        <p className="field-hint" id="body-hint">
          마크다운을 쓸 수 있습니다: **굵게**, *기울임*, [링크](https://…), ![그림 설명](https://…), 목록, 인용, 표.
          최대 {BODY_MAX_BYTES / 1024}KB.
        </p>
        <textarea
          ref={bodyRef}
          id="body"
          name="body"
          defaultValue={values.body}
          aria-invalid={fieldErrors.body ? true : undefined}
          aria-describedby={["body-hint", describedBy("body")].filter(Boolean).join(" ")}
        />
        <FieldError field="body" message={fieldErrors.body} />
      </div>
      <div className="field">
        <label htmlFor="images">그림 첨부</label>
        <p className="field-hint" id="images-hint">
          JPEG, PNG, WebP, GIF 그림을 {IMAGES_PER_FORM_MAX}개까지, 하나에 {IMAGE_MAX_BYTES / 1024 / 1024}MB까지 올릴 수
          있습니다. 본문 끝에 붙습니다. 본문에 붙여 넣거나 끌어다 놓아도 됩니다.
        </p>
        <input
          id="images"
          name="images"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,image/gif"
          onChange={onPick}
          aria-invalid={fieldErrors.images ? true : undefined}
          aria-describedby={["images-hint", describedBy("images")].filter(Boolean).join(" ")}
        />
        <p className={`upload-status${uploadStatus?.error ? " upload-status--error" : ""}`} aria-live="polite">
          {uploadStatus?.text}
        </p>
        <FieldError field="images" message={fieldErrors.images} />
      </div>
      {previewHtml !== null ? (
        <section className="panel preview" aria-labelledby="preview-title">
          <h2 id="preview-title" className="preview__title">
            미리보기
          </h2>
          <div className="post-body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
        </section>
      ) : null}
      <div className="board-actions">
        <Link to={cancelHref} className="button">
          취소
        </Link>
        <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
          미리보기
        </button>
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

function FieldError({ field, message }: { field: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${field}-error`} className="field-error">
      {message}
    </p>
  );
}
