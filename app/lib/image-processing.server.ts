import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { UploadFormat } from "./upload-paths";

/** A decompression bomb (a few KB that decode to gigabytes) is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** The longest side an image is stored at; larger ones are scaled down. */
export const MAX_STORED_SIDE = 2560;

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif"]);

export interface ProcessedImage {
  /** SHA-256 of `bytes` in hex: the stored file's name. */
  hash: string;
  format: UploadFormat;
  width: number;
  /** One frame's height for an animated image. */
  height: number;
  bytes: Buffer;
}

export type ImageResult = { ok: true; image: ProcessedImage } | { ok: false; message: string };

export const IMAGE_MESSAGES = {
  empty: "빈 파일은 올릴 수 없습니다.",
  notImage: "JPEG, PNG, WebP, GIF 그림만 올릴 수 있습니다.",
  broken: "그림 파일이 손상되었거나 잘려 있어 읽을 수 없습니다.",
  tooManyPixels: "그림이 너무 큽니다. 4천만 화소까지 올릴 수 있습니다.",
} as const;

/** Whether the bytes open with the signature of an accepted format: what a file that cannot be read was meant to be. */
function startsLikeAcceptedImage(input: Uint8Array): boolean {
  const text = Buffer.from(input.subarray(0, 12)).toString("latin1");
  return (
    text.startsWith("\xff\xd8\xff") ||
    text.startsWith("\x89PNG\r\n\x1a\n") ||
    text.startsWith("GIF8") ||
    (text.startsWith("RIFF") && text.slice(8, 12) === "WEBP")
  );
}

/**
 * Decides what the bytes are from their content alone (never a file name or a declared type), refuses anything but
 * JPEG, PNG, WebP and GIF, and re-encodes what it accepts: orientation applied, scaled to at most MAX_STORED_SIDE,
 * every piece of metadata dropped (sharp keeps none unless asked: no EXIF, GPS, camera serials, ICC notes), stored as
 * WebP, a GIF as GIF with all its frames.
 */
export async function processImage(input: Uint8Array): Promise<ImageResult> {
  if (input.byteLength === 0) return { ok: false, message: IMAGE_MESSAGES.empty };
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "warning" } as const;
  let metadata: Metadata;
  try {
    // Reads the header only, without decoding a pixel: SVG, PDF, HTML and the rest are told apart here, and a bomb's
    // size is read before anything is decoded (the pixel limit is checked below, for every frame together).
    metadata = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, message: startsLikeAcceptedImage(input) ? IMAGE_MESSAGES.broken : IMAGE_MESSAGES.notImage };
  }
  if (!ACCEPTED_FORMATS.has(metadata.format ?? "")) return { ok: false, message: IMAGE_MESSAGES.notImage };
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height ?? 0;
  if ((metadata.width ?? 0) * frameHeight * frames > MAX_INPUT_PIXELS) {
    return { ok: false, message: IMAGE_MESSAGES.tooManyPixels };
  }
  const animated = frames > 1;
  const format: UploadFormat = metadata.format === "gif" ? "gif" : "webp";
  try {
    let pipeline = sharp(input, { ...options, animated });
    // EXIF orientation belongs to photos; an animation has none, and libvips cannot turn its frames one by one.
    if (!animated) pipeline = pipeline.rotate();
    pipeline = pipeline.resize({
      width: MAX_STORED_SIDE,
      height: MAX_STORED_SIDE,
      fit: "inside",
      withoutEnlargement: true,
    });
    const { data, info } = await (format === "gif" ? pipeline.gif() : pipeline.webp({ quality: 82 })).toBuffer({
      resolveWithObject: true,
    });
    const hash = createHash("sha256").update(data).digest("hex");
    return {
      ok: true,
      image: { hash, format, width: info.width, height: info.pageHeight ?? info.height, bytes: data },
    };
  } catch (error) {
    // The pixel limit counts the decoded image; whatever else fails to decode is a broken or truncated file.
    const message = String((error as Error).message ?? "");
    return { ok: false, message: /pixel limit/i.test(message) ? IMAGE_MESSAGES.tooManyPixels : IMAGE_MESSAGES.broken };
  }
}
