import { z } from "zod";
import { formFields, type FieldErrors } from "./forms";
import { parseId } from "./ids";

// Server-only: zod and the body reader never reach the browser bundle (the `.server` suffix makes Remix refuse it).

export type FormParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** A Response to throw for a body over its limit. */
export function payloadTooLarge(): Response {
  return new Response("요청이 너무 큽니다.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function isFormContentType(contentType: string): boolean {
  const type = contentType.toLowerCase();
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

function concatBytes(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// Content-Length can be absent (chunked) or lie, so the body itself is counted too.
async function readBodyUpTo(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
}

/**
 * The request's form data, or an empty FormData when the body is not a form (the schema then reports the missing
 * fields as a 400). Throws a 413 Response when the body is larger than maxBytes.
 */
export async function readForm(request: Request, maxBytes: number): Promise<FormData> {
  if (Number(request.headers.get("Content-Length")) > maxBytes) throw payloadTooLarge();
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body || !isFormContentType(contentType)) return new FormData();
  const body = await readBodyUpTo(request.body, maxBytes);
  try {
    return await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return new FormData();
  }
}

// Schemas put their own Korean message on each check (`.min(3, "…")`), which zod always prefers;
// this map only covers what a browser form never produces (missing fields, wrong types).
const koreanErrorMap: z.ZodErrorMap = (issue) => {
  if (issue.code === z.ZodIssueCode.invalid_type && issue.received === z.ZodParsedType.undefined) {
    return { message: "입력해 주세요." };
  }
  if (issue.code === z.ZodIssueCode.too_small && issue.type === "string") {
    return { message: `${issue.minimum}자 이상 입력해 주세요.` };
  }
  if (issue.code === z.ZodIssueCode.too_big && issue.type === "string") {
    return { message: `${issue.maximum}자 이하로 입력해 주세요.` };
  }
  return { message: "올바른 값이 아닙니다." };
};

/** The first message for each top-level field. */
function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}

/** A form field holding a row id (see parseId). */
export function idField(message = "올바른 값이 아닙니다.") {
  return z
    .string()
    .refine((value) => parseId(value) !== null, message)
    .transform((value) => parseId(value) ?? 0);
}

/** The `inPlace` field a page's script adds (see in-place-submit.ts): true only for "1". */
export const inPlaceField = z
  .string()
  .optional()
  .transform((value) => value === "1");

/** Checks a form already read (an action that picks its schema by `intent`), with Korean messages. */
export function parseForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  form: FormData,
): FormParseResult<z.output<Schema>> {
  const result = schema.safeParse(formFields(form), { errorMap: koreanErrorMap });
  return result.success ? { ok: true, data: result.data } : { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

/**
 * A checked form submission. `values` holds the named fields as sent ("" when absent), for the form to show again;
 * never name a password there. On failure, `{ values, fieldErrors }` is what the action answers with a 400.
 */
export type Submission<T, Echo extends string> = { fields: Record<string, string>; values: Record<Echo, string> } & (
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors }
);

/** The opening of every form action after its origin check: read the body (413 over maxBytes), then check it. */
export async function parseSubmission<Schema extends z.ZodTypeAny, Echo extends string = never>(
  request: Request,
  schema: Schema,
  maxBytes: number,
  echo: readonly Echo[] = [],
): Promise<Submission<z.output<Schema>, Echo>> {
  const form = await readForm(request, maxBytes);
  const fields = formFields(form);
  const values = Object.fromEntries(echo.map((name) => [name, fields[name] ?? ""])) as Record<Echo, string>;
  return { fields, values, ...parseForm(schema, form) };
}
