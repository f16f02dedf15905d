// Where an uploaded image is served, shared by the server that serves it, the renderer that embeds it and the editor.

export type { UploadFormat } from "#db/types";
import type { UploadFormat } from "#db/types";

/** The one shape of a stored image's name: its content hash and format. Anything else under /uploads/ is a 404. */
export const UPLOAD_FILE_NAME = /^([0-9a-f]{64})\.(webp|gif)$/;

/** An uploaded image's address as a post's Markdown and HTML carry it. */
export const UPLOAD_URL = /^\/uploads\/([0-9a-f]{64})\.(webp|gif)$/;

export const UPLOAD_CONTENT_TYPES: Record<UploadFormat, string> = { webp: "image/webp", gif: "image/gif" };

export function uploadFileName(hash: string, format: UploadFormat): string {
  return `${hash}.${format}`;
}

export function uploadUrl(hash: string, format: UploadFormat): string {
  return `/uploads/${uploadFileName(hash, format)}`;
}

/** What the editor inserts for an uploaded image. */
export function uploadMarkdown(url: string): string {
  return `![](${url})`;
}
