import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { payloadTooLarge, readForm } from "./form-submission.server";
import { IMAGE_MAX_BYTES, IMAGES_PER_FORM_MAX } from "./input-limits";

/** Why a form's images were refused before any was looked at, and the status it answers with. */
export interface ImageFormRefusal {
  status: 400 | 413;
  message: string;
}

export interface ImageForm {
  /** The form's text fields (files are never in it). */
  form: FormData;
  /** The bytes of each file sent in the image field, in order; an empty file input sends none. */
  files: Uint8Array[];
  refusal: ImageFormRefusal | null;
}

export const IMAGE_FORM_MESSAGES = {
  tooLarge: `그림 하나는 ${IMAGE_MAX_BYTES / 1024 / 1024}MB까지 올릴 수 있습니다.`,
  tooMany: `그림은 한 번에 ${IMAGES_PER_FORM_MAX}개까지 올릴 수 있습니다.`,
} as const;

class BodyTooLarge extends Error {}

/** The body, failing once more than `maxBytes` went through: Content-Length can be absent (chunked) or lie. */
function countedBody(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<number> {
  let size = 0;
  for await (const chunk of data) size += chunk.byteLength;
  return size;
}

/**
 * Reads a form that may carry images in the file field `fileField`, streaming: each file is kept in memory only up to
 * IMAGE_MAX_BYTES and at most `maxFiles` are kept; past either limit the rest is read and dropped, so the text fields
 * after it still arrive and the form can be shown again as typed. A body whose Content-Length is over what such a form
 * can hold is refused with a 413 before any of it is read; so is one that turns out longer than that while read, or
 * whose text fields pass `maxTextBytes`. A file's name and declared type are never looked at. A body that is not
 * multipart is read as readForm reads it (no files); a malformed one as an empty form.
 */
export async function readImageForm(
  request: Request,
  {
    fileField,
    maxFiles = IMAGES_PER_FORM_MAX,
    maxTextBytes,
  }: { fileField: string; maxFiles?: number; maxTextBytes: number },
): Promise<ImageForm> {
  const maxBytes = maxFiles * IMAGE_MAX_BYTES + maxTextBytes;
  if (Number(request.headers.get("Content-Length")) > maxBytes) throw payloadTooLarge();
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!request.body || !contentType.startsWith("multipart/form-data")) {
    return { form: await readForm(request, maxTextBytes), files: [], refusal: null };
  }
  const files: Uint8Array[] = [];
  let fileCount = 0;
  let textBytes = 0;
  let refusal: ImageFormRefusal | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of data) {
        textBytes += chunk.byteLength;
        if (textBytes > maxTextBytes) throw new BodyTooLarge();
        chunks.push(chunk);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
    if (name !== fileField) {
      await drain(data);
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= IMAGE_MAX_BYTES) chunks.push(chunk);
    }
    // A file input left empty still sends a part: no name and no bytes.
    if (filename === "" && size === 0) return undefined;
    fileCount++;
    if (size > IMAGE_MAX_BYTES) refusal = { status: 413, message: IMAGE_FORM_MESSAGES.tooLarge };
    else if (fileCount > maxFiles) refusal ??= { status: 400, message: IMAGE_FORM_MESSAGES.tooMany };
    else files.push(Buffer.concat(chunks));
    return undefined;
  };
  const counted = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: countedBody(request.body, maxBytes),
    duplex: "half",
  } as RequestInit);
  try {
    const form = await unstable_parseMultipartFormData(counted, handler);
    return { form, files: refusal ? [] : files, refusal };
  } catch (error) {
    if (error instanceof BodyTooLarge) throw payloadTooLarge();
    // Not multipart after all, or broken: like a body that is not a form, its fields are missing.
    return { form: new FormData(), files: [], refusal };
  }
}
