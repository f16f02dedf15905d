import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import type { SessionUser } from "~/auth/session.server";
import { processImage, type ProcessedImage } from "~/lib/image-processing.server";
import { uploadStorage } from "~/lib/upload-storage.server";
import { currentRateLimits } from "~/models/rate-limits.server";
import { storeUploads, type StoredUpload } from "~/models/uploads.server";

export type AcceptedImages =
  { ok: true; uploads: StoredUpload[] } | { ok: false; status: 400 | 429; message: string; retryAfterSeconds?: number };

/**
 * Checks and re-encodes every file a member sent, then stores them all under their upload limit; the first file
 * refused refuses them all, and nothing is stored. Used by POST /uploads and by the write and edit forms.
 */
export async function acceptImages(
  db: Kysely<Database>,
  user: SessionUser,
  files: readonly Uint8Array[],
): Promise<AcceptedImages> {
  const images: ProcessedImage[] = [];
  for (const [index, file] of files.entries()) {
    const result = await processImage(file);
    if (!result.ok) {
      const which = files.length > 1 ? `${index + 1}번째 그림: ` : "";
      return { ok: false, status: 400, message: `${which}${result.message}` };
    }
    images.push(result.image);
  }
  const stored = await storeUploads(db, uploadStorage(), images, user.id, {
    limit: currentRateLimits()?.uploads ?? null,
  });
  if (!stored.ok)
    return { ok: false, status: 429, message: stored.message, retryAfterSeconds: stored.retryAfterSeconds };
  return stored;
}
