import { z } from "zod";

/** One Korean message per field, keyed by the form field's name. */
export type FieldErrors = Record<string, string>;

export type FormParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

function payloadTooLarge(): Response {
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

/** The first text value of every field; repeated fields and file uploads can't turn a text field into something else. */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !Object.hasOwn(fields, name)) fields[name] = value;
  }
  return fields;
}

/** Counts characters as people see them in a text box (code points), not UTF-16 units. */
export function characterCount(value: string): number {
  return [...value].length;
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
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}

export function parseForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  form: FormData,
): FormParseResult<z.output<Schema>> {
  const result = schema.safeParse(formFields(form), { errorMap: koreanErrorMap });
  return result.success ? { ok: true, data: result.data } : { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

const URL_BASE = "http://same-site.invalid";

/**
 * A path on this site to redirect to, or the fallback. Only "/…" paths pass; "//host" and "/\host" (which browsers read
 * as another host) and anything the URL parser resolves elsewhere do not. The result is percent-encoded, so it is
 * always a valid Location header.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.com" would become "//evil.com".
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: any of them is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, URL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== URL_BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
