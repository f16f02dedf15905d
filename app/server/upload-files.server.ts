import { notFound } from "~/lib/http.server";
import { UPLOAD_CONTENT_TYPES, UPLOAD_FILE_NAME, type UploadFormat } from "~/lib/upload-paths";
import { uploadStorage } from "~/lib/upload-storage.server";

/** A stored file's name never changes meaning (it is its content's hash), so browsers and proxies may keep it. */
const UPLOAD_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Disposition": "inline",
  "Cache-Control": "public, max-age=31536000, immutable",
};

/**
 * GET /uploads/<name>, for server.js, outside Remix: only a name of the stored shape (`<sha256>.webp|gif`) is looked
 * up, its type from that extension alone; anything else, a file that is not there included, is a plain 404.
 */
export async function uploadFileResponse(name: string, method: string): Promise<Response> {
  const match = UPLOAD_FILE_NAME.exec(name);
  const file = match ? await uploadStorage().read(name) : null;
  if (!match || !file) return notFound("없는 그림입니다.");
  const headers = {
    ...UPLOAD_HEADERS,
    "Content-Type": UPLOAD_CONTENT_TYPES[match[2] as UploadFormat],
    "Content-Length": String(file.size),
  };
  if (method === "HEAD") {
    await file.body.cancel();
    return new Response(null, { headers });
  }
  return new Response(file.body, { headers });
}
