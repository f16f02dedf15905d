import type { Kysely, Transaction } from "kysely";
import { lockedForNoKeyUpdate, withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import type { ProcessedImage } from "~/lib/image-processing.server";
import { uploadFileName, uploadMarkdown, uploadUrl } from "~/lib/upload-paths";
import type { UploadStorage } from "~/lib/upload-storage.server";
import { isAdmin } from "./permissions";
import { secondsUntil, windowFullUntil, type CountLimit } from "./rate-limits.server";

/** An image the member may now put in a post. */
export interface StoredUpload {
  url: string;
  markdown: string;
  width: number;
  height: number;
}

export type StoreUploadsResult =
  { ok: true; uploads: StoredUpload[] } | { ok: false; message: string; retryAfterSeconds: number };

/** An unused upload is kept this long after its last upload, so a post being written can still take it. */
export const UNUSED_UPLOAD_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether `count` more images would pass the member's hourly upload limit: null when they may, else when to try
 * again. Runs after locking the member's row, so concurrent uploads of one member are counted one after another.
 */
async function checkUploadLimit(
  trx: Transaction<Database>,
  userId: number,
  count: number,
  limit: CountLimit | null,
  now: number,
): Promise<{ message: string; retryAfterSeconds: number } | null> {
  if (!limit) return null;
  const member = await lockedForNoKeyUpdate(
    trx,
    trx.selectFrom("users").select("role").where("id", "=", userId),
  ).executeTakeFirst();
  if (!member || isAdmin(member)) return null;
  const fullUntil = await windowFullUntil(
    trx.selectFrom("upload_events").where("user_id", "=", userId),
    limit,
    count,
    now,
  );
  if (fullUntil === null && count <= limit.max) return null;
  const retryAfterSeconds = fullUntil === null ? 1 : secondsUntil(fullUntil, now);
  const hours = Math.round(limit.windowMs / 3_600_000);
  return {
    message: `그림은 ${hours}시간에 ${limit.max}개까지 올릴 수 있습니다. ${retryAfterSeconds}초 뒤에 다시 시도해 주세요.`,
    retryAfterSeconds,
  };
}

/**
 * Records and stores images a member uploaded, all or none, counted against their upload limit (`limit` null: not
 * counted, as for scripts and tests). A picture stored before (same hash) is not written again; its record is only
 * marked as uploaded now. Files are written inside the transaction, so a refused or failed write records nothing.
 */
export async function storeUploads(
  db: Kysely<Database>,
  storage: UploadStorage,
  images: readonly ProcessedImage[],
  uploaderId: number,
  { limit, now = Date.now() }: { limit: CountLimit | null; now?: number },
): Promise<StoreUploadsResult> {
  return withTransaction(db, async (trx): Promise<StoreUploadsResult> => {
    const refusal = await checkUploadLimit(trx, uploaderId, images.length, limit, now);
    if (refusal) return { ok: false, ...refusal };
    const uploads: StoredUpload[] = [];
    for (const image of images) {
      await storage.put(uploadFileName(image.hash, image.format), image.bytes);
      await trx
        .insertInto("uploads")
        .values({
          hash: image.hash,
          format: image.format,
          width: image.width,
          height: image.height,
          bytes: image.bytes.byteLength,
          uploader_id: uploaderId,
          created_at: now,
          last_uploaded_at: now,
        })
        .onConflict((conflict) => conflict.column("hash").doUpdateSet({ last_uploaded_at: now }))
        .execute();
      await trx.insertInto("upload_events").values({ user_id: uploaderId, created_at: now }).execute();
      const url = uploadUrl(image.hash, image.format);
      uploads.push({ url, markdown: uploadMarkdown(url), width: image.width, height: image.height });
    }
    return { ok: true, uploads };
  });
}

export interface UploadSize {
  width: number;
  height: number;
}

/** The stored size of each known upload among `hashes`, for the renderer to set on the images it embeds. */
export async function findUploadSizes(
  db: Kysely<Database>,
  hashes: readonly string[],
): Promise<Map<string, UploadSize>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .selectFrom("uploads")
    .select(["hash", "width", "height"])
    .where("hash", "in", [...new Set(hashes)])
    .execute();
  return new Map(rows.map((row) => [row.hash, { width: row.width, height: row.height }]));
}

/** Makes the post's usage rows say exactly which uploads its body shows; run in the transaction that writes it. */
export async function recordPostImages(trx: Transaction<Database>, postId: number, hashes: readonly string[]) {
  await forgetPostImages(trx, postId);
  if (hashes.length === 0) return;
  await trx
    .insertInto("post_images")
    .columns(["post_id", "upload_id"])
    .expression((eb) =>
      eb
        .selectFrom("uploads")
        .select([eb.val(postId).as("post_id"), "id"])
        .where("hash", "in", [...new Set(hashes)]),
    )
    .execute();
}

/** A deleted post uses no upload any more; another post showing the same picture keeps its own rows. */
export async function forgetPostImages(trx: Transaction<Database>, postId: number) {
  await trx.deleteFrom("post_images").where("post_id", "=", postId).execute();
}

/**
 * Removes uploads no live post uses whose last upload is older than UNUSED_UPLOAD_GRACE_MS: their records, then
 * their files. Answers how many were removed. Run once a day (`npm run uploads:clean`, and the server's daily jobs).
 * Upload events the hourly limit no longer counts go too.
 */
export async function cleanUnusedUploads(db: Kysely<Database>, storage: UploadStorage, now = Date.now()) {
  await db
    .deleteFrom("upload_events")
    .where("created_at", "<", now - UNUSED_UPLOAD_GRACE_MS)
    .execute();
  const removed = await withTransaction(db, (trx) =>
    trx
      .deleteFrom("uploads")
      .where("last_uploaded_at", "<", now - UNUSED_UPLOAD_GRACE_MS)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("post_images").select("post_id").whereRef("upload_id", "=", "uploads.id"))),
      )
      .returning(["hash", "format"])
      .execute(),
  );
  if (removed.length === 0) return 0;
  // A member may have uploaded one of these pictures again since: its new record keeps the file.
  const uploadedAgain = await findUploadSizes(
    db,
    removed.map((upload) => upload.hash),
  );
  for (const upload of removed) {
    if (!uploadedAgain.has(upload.hash)) await storage.remove(uploadFileName(upload.hash, upload.format));
  }
  return removed.length;
}
