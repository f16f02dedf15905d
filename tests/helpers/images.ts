import sharp from "sharp";

// Real image files for the upload tests, made with sharp: each case is the kind of file a member (or an attacker)
// would really send.

const GPS_IFD_POINTER = 0x8825;

/** The tags of an EXIF block's first directory (IFD0), read from its TIFF header; where GPS would point from. */
export function exifTags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf("Exif\0\0") === 0 ? 6 : 0);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  return Array.from({ length: u16(ifd0) }, (_, i) => u16(ifd0 + 2 + i * 12));
}

export function hasGpsLocation(exif: Buffer | undefined): boolean {
  return exif !== undefined && exifTags(exif).includes(GPS_IFD_POINTER);
}

/**
 * A 400×200 photo as a phone takes it: stored on its side with EXIF orientation 6 (shown 200×400), a camera serial
 * and the GPS position of Seoul City Hall.
 */
export function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: "#c33" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "MadangCam", Model: "Test 1", Orientation: "6" },
      IFD1: { BodySerialNumber: "SERIAL-12345" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "37/1 33/1 59/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "126/1 58/1 40/1",
      },
    })
    .toBuffer();
}

export function png(width = 320, height = 240, background = "#3a7"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

export function webp(width = 300, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#37a" } })
    .webp()
    .toBuffer();
}

/** A three-frame GIF, 60×40 each frame: a blue, a green and a red one. */
export async function animatedGif(): Promise<Buffer> {
  const frames = ["#00f", "#0f0", "#f00"].map((background) => ({
    input: { create: { width: 60, height: 40, channels: 4 as const, background } },
  }));
  const strip = await sharp({ create: { width: 60, height: 120, channels: 4, background: "#000" } })
    .composite(frames.map((frame, index) => ({ ...frame, top: index * 40, left: 0 })))
    .raw()
    .toBuffer();
  return sharp(strip, { raw: { width: 60, height: 120, channels: 4, pageHeight: 40 } })
    .gif({ delay: [100, 100, 100], loop: 0 })
    .toBuffer();
}

/** 10,000 × 10,000 pixels of one colour: 100 megapixels in a few hundred KB. */
export function pixelBomb(): Promise<Buffer> {
  return sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#fff" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export const RENAMED_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
    "trailer << /Root 1 0 R >>\n%%EOF\n",
);

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script>' +
    '<rect width="100" height="100" fill="red"/></svg>',
);

export const HTML_FILE = Buffer.from("<!doctype html><html><body><script>alert(1)</script><img src=x></body></html>");

export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#888" } })
    .jpeg()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}
