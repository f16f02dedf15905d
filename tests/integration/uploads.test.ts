import { readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { uploadStorage } from "~/lib/upload-storage.server";
import { deletePost, listBoardPosts } from "~/models/posts.server";
import { suspendMember } from "~/models/suspensions.server";
import { cleanUnusedUploads } from "~/models/uploads.server";
import { action as editAction } from "~/routes/$board.$postId_.edit";
import { action as writeAction } from "~/routes/$board.write";
import { action as uploadAction } from "~/routes/uploads";
import { uploadFileResponse } from "~/server/upload-files.server";
import { createTestDb } from "../helpers/db";
import {
  animatedGif,
  hasGpsLocation,
  HTML_FILE,
  phoneJpeg,
  pixelBomb,
  png,
  RENAMED_PDF,
  SVG_WITH_SCRIPT,
  truncatedJpeg,
  webp,
} from "../helpers/images";
import { createRunDir } from "../helpers/paths";
import {
  callRoute,
  createTestBoard,
  createUser,
  ORIGIN,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const uploadsDir = createRunDir("uploads");
vi.stubEnv("UPLOADS_DIR", uploadsDir);
vi.stubEnv("RATE_LIMITS", "on");

const db = createTestDb();
const DAY_MS = 24 * 60 * 60 * 1000;

interface SentFile {
  bytes: Uint8Array;
  name?: string;
  type?: string;
}

let board: TestBoard;
let memberNumber = 0;

beforeAll(async () => {
  board = await createTestBoard(db, "square", [{ slug: "news", name: "뉴스" }]);
});

async function member(role: "member" | "admin" = "member") {
  const id = await createUser(db, `uploader${++memberNumber}`, role);
  return { id, role, cookie: await sessionCookieFor(db, id) };
}

function multipart(path: string, fields: Record<string, string>, files: Record<string, SentFile[]>, headers = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [name, list] of Object.entries(files)) {
    for (const file of list) {
      body.append(
        name,
        new File([Buffer.from(file.bytes)], file.name ?? "image.png", { type: file.type ?? "image/png" }),
      );
    }
  }
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers: { Origin: ORIGIN, ...headers }, body });
}

async function upload(cookie: string | null, file: SentFile, headers: Record<string, string> = {}) {
  const request = multipart(
    "/uploads",
    {},
    { file: [file] },
    { Accept: "application/json", ...(cookie ? { Cookie: cookie } : {}), ...headers },
  );
  const answer = await callRoute(db, uploadAction, request);
  return { status: answer.status, headers: answer.headers, body: JSON.parse(answer.data as string) };
}

function storedFiles(): string[] {
  return readdirSync(uploadsDir).sort();
}

async function storedCount() {
  const { count } = await db
    .selectFrom("uploads")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return { rows: Number(count), files: storedFiles().length };
}

async function storedImage(url: string) {
  const bytes = await sharp(join(uploadsDir, url.slice("/uploads/".length))).toBuffer();
  return { bytes, metadata: await sharp(bytes).metadata() };
}

function writeForm(cookie: string, fields: Record<string, string>, images: SentFile[] = []) {
  const request = multipart("/square/write", { category: "news", ...fields }, { images }, { Cookie: cookie });
  return callRoute(db, writeAction, request, { board: "square" });
}

function postIdOf(location: string | null): number {
  return Number(location?.split("/").pop());
}

async function postRow(postId: number) {
  return db
    .selectFrom("posts")
    .select(["body_md", "body_html", "has_images"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

describe("POST /uploads: accepted images", () => {
  test("a phone photo loses its GPS position and camera data, is turned upright and stored as WebP", async () => {
    const { cookie } = await member();
    const original = await phoneJpeg();
    expect(hasGpsLocation((await sharp(original).metadata()).exif)).toBe(true);
    const answer = await upload(cookie, { bytes: original, name: "IMG_0001.jpg", type: "image/jpeg" });
    expect(answer.status).toBe(201);
    expect(answer.body.url).toMatch(/^\/uploads\/[0-9a-f]{64}\.webp$/);
    expect(answer.body.markdown).toBe(`![](${answer.body.url})`);
    const { bytes, metadata } = await storedImage(answer.body.url);
    expect(metadata.format).toBe("webp");
    expect(metadata.exif).toBeUndefined();
    expect(hasGpsLocation(metadata.exif)).toBe(false);
    expect(bytes.includes("MadangCam")).toBe(false);
    expect(bytes.includes("SERIAL-12345")).toBe(false);
    // Stored 400×200 on its side with orientation 6: upright it is 200 wide and 400 high.
    expect([metadata.width, metadata.height, metadata.orientation ?? 1]).toEqual([200, 400, 1]);
    expect(answer.body).toMatchObject({ width: 200, height: 400 });
  });

  test("PNG and WebP are stored as WebP, an animated GIF as a GIF with every frame", async () => {
    const { cookie } = await member();
    for (const bytes of [await png(), await webp()]) {
      const answer = await upload(cookie, { bytes });
      expect(answer.status).toBe(201);
      expect((await storedImage(answer.body.url)).metadata.format).toBe("webp");
    }
    const gif = await upload(cookie, { bytes: await animatedGif(), name: "funny.gif", type: "image/gif" });
    expect(gif.status).toBe(201);
    expect(gif.body.url).toMatch(/\.gif$/);
    const stored = await sharp(join(uploadsDir, gif.body.url.slice(9)), { animated: true }).metadata();
    expect(stored.format).toBe("gif");
    expect(stored.pages).toBe(3);
    expect(gif.body).toMatchObject({ width: 60, height: 40 });
  });

  test("a picture larger than 2,560 pixels is scaled down to 2,560 on its longest side", async () => {
    const { cookie } = await member();
    const answer = await upload(cookie, { bytes: await png(5000, 2000) });
    expect(answer.status).toBe(201);
    const { metadata } = await storedImage(answer.body.url);
    expect([metadata.width, metadata.height]).toEqual([2560, 1024]);
  });

  test("the same picture uploaded twice is stored once", async () => {
    const { cookie } = await member();
    const { cookie: otherCookie } = await member();
    const bytes = await png(123, 45, "#abc");
    const first = await upload(cookie, { bytes });
    const before = await storedCount();
    const second = await upload(otherCookie, { bytes, name: "copy.png" });
    expect(second.status).toBe(201);
    expect(second.body.url).toBe(first.body.url);
    expect(await storedCount()).toEqual(before);
  });

  test("the name a file was sent with is never used: ../ and NUL in it change nothing", async () => {
    const { cookie } = await member();
    const answer = await upload(cookie, { bytes: await png(77, 77), name: "../../etc/passwd\0.png" });
    expect(answer.status).toBe(201);
    for (const name of storedFiles()) expect(name).toMatch(/^[0-9a-f]{64}\.(webp|gif)$/);
  });
});

describe("POST /uploads: refused files, nothing stored", () => {
  let bomb: Buffer;
  // Compressing 100 megapixels takes a few seconds, more on a busy machine.
  beforeAll(async () => {
    bomb = await pixelBomb();
  }, 60_000);

  test.each([
    ["a PDF renamed .png", () => RENAMED_PDF, "report.png", "image/png", "JPEG, PNG, WebP, GIF 그림만"],
    ["an SVG with a script", () => SVG_WITH_SCRIPT, "logo.svg", "image/svg+xml", "JPEG, PNG, WebP, GIF 그림만"],
    ["an SVG named .png", () => SVG_WITH_SCRIPT, "logo.png", "image/png", "JPEG, PNG, WebP, GIF 그림만"],
    ["an HTML file named .jpg", () => HTML_FILE, "photo.jpg", "image/jpeg", "JPEG, PNG, WebP, GIF 그림만"],
    ["a 0-byte file", () => new Uint8Array(0), "empty.png", "image/png", "빈 파일"],
    ["a truncated JPEG", truncatedJpeg, "cut.jpg", "image/jpeg", "손상"],
    ["a pixel bomb (10,000 × 10,000)", () => bomb, "bomb.png", "image/png", "4천만 화소"],
  ])("%s: 400 with a Korean message", async (_, make, name, type, message) => {
    const { cookie } = await member();
    const before = await storedCount();
    const answer = await upload(cookie, { bytes: await make(), name, type });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(message);
    expect(await storedCount()).toEqual(before);
  });

  test("a 30 MB file: 413 before the body is read, by its Content-Length", async () => {
    const { cookie } = await member();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024));
        if (pulled === 30) controller.close();
      },
    });
    const request = new Request(`${ORIGIN}/uploads`, {
      method: "POST",
      headers: {
        Origin: ORIGIN,
        Cookie: cookie,
        Accept: "application/json",
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(30 * 1024 * 1024),
      },
      body,
      duplex: "half",
    } as RequestInit);
    const answer = await callRoute(db, uploadAction, request);
    expect(answer.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  test("a 30 MB file sent without a length: 413 once 10 MB of it were read", async () => {
    const { cookie } = await member();
    const before = await storedCount();
    const answer = await upload(cookie, { bytes: new Uint8Array(30 * 1024 * 1024), name: "huge.png" });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toContain("10MB");
    expect(await storedCount()).toEqual(before);
  });

  test("no file: 400", async () => {
    const { cookie } = await member();
    const request = multipart("/uploads", { other: "x" }, {}, { Cookie: cookie, Accept: "application/json" });
    const answer = await callRoute(db, uploadAction, request);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.data as string).error).toContain("골라");
  });

  test("a visitor gets 401 from the script and the login page from a plain form", async () => {
    const bytes = await png();
    const answer = await upload(null, { bytes });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toContain("로그인");
    const plain = await callRoute(db, uploadAction, multipart("/uploads", {}, { file: [{ bytes }] }));
    expect(plain.status).toBe(303);
    expect(plain.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  test("a cross-site upload is refused with 403", async () => {
    const { cookie } = await member();
    const before = await storedCount();
    const answer = await callRoute(
      db,
      uploadAction,
      multipart(
        "/uploads",
        {},
        { file: [{ bytes: await png(99, 98) }] },
        { Cookie: cookie, Origin: "https://evil.example" },
      ),
    );
    expect(answer.status).toBe(403);
    expect(await storedCount()).toEqual(before);
  });

  test("a suspended member is refused like any other write", async () => {
    const admin = await member("admin");
    const suspended = await member();
    await suspendMember(db, {
      admin: { id: admin.id, role: "admin" },
      userId: suspended.id,
      length: "1",
      reason: "도배",
    });
    const answer = await callRoute(
      db,
      uploadAction,
      multipart("/uploads", {}, { file: [{ bytes: await png() }] }, { Cookie: suspended.cookie }),
    );
    expect(answer.status).toBe(403);
    expect(answer.data).toContain("도배");
  });

  test("a member may upload 100 images an hour; the 101st is 429 with Retry-After, admins are exempt", async () => {
    const { id, cookie } = await member();
    const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123" } })
      .png()
      .toBuffer();
    // 98 uploads made over the last half hour, then two more now: the 100th passes, the 101st does not.
    const halfHourAgo = Date.now() - 30 * 60 * 1000;
    await db
      .insertInto("upload_events")
      .values(Array.from({ length: 98 }, (_, i) => ({ user_id: id, created_at: halfHourAgo + i })))
      .execute();
    for (let i = 0; i < 2; i++) expect((await upload(cookie, { bytes: tiny })).status).toBe(201);
    const refused = await upload(cookie, { bytes: tiny });
    expect(refused.status).toBe(429);
    // The oldest counted upload leaves the hour in about 30 minutes.
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(29 * 60);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(30 * 60);
    expect(refused.body.error).toContain("1시간에 100개");
    vi.stubEnv("RATE_LIMITS", "off");
    try {
      expect((await upload(cookie, { bytes: tiny })).status).toBe(201);
    } finally {
      vi.stubEnv("RATE_LIMITS", "on");
    }
    const admin = await member("admin");
    await db
      .insertInto("upload_events")
      .values(Array.from({ length: 100 }, () => ({ user_id: admin.id, created_at: Date.now() })))
      .execute();
    expect((await upload(admin.cookie, { bytes: tiny })).status).toBe(201);
  });
});

describe("GET /uploads/<hash>.<ext>", () => {
  test("serves the stored file with its type, nosniff, inline and a year's immutable cache", async () => {
    const { cookie } = await member();
    const { body } = await upload(cookie, { bytes: await png(50, 60) });
    const response = await uploadFileResponse(body.url.slice("/uploads/".length), "GET");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe("inline");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const served = Buffer.from(await response.arrayBuffer());
    expect((await sharp(served).metadata()).width).toBe(50);
  });

  test("any other name is a 404", async () => {
    const hash = "0".repeat(64);
    for (const name of [`${hash}.webp`, `${hash}.svg`, `${hash.toUpperCase()}.webp`, "../madang.db", `${hash}.webp/`]) {
      expect((await uploadFileResponse(name, "GET")).status).toBe(404);
    }
  });
});

describe("the write and edit forms without JavaScript", () => {
  test("images sent with the post are added after the body and shown with their size, lazily", async () => {
    const { cookie } = await member();
    const answer = await writeForm(cookie, { intent: "save", title: "사진 두 장", body: "오늘 찍은 사진" }, [
      { bytes: await phoneJpeg(), name: "a.jpg", type: "image/jpeg" },
      { bytes: await animatedGif(), name: "b.gif", type: "image/gif" },
    ]);
    expect(answer.status).toBe(303);
    const post = await postRow(postIdOf(answer.headers.get("Location")));
    expect(post.body_md).toMatch(
      /^오늘 찍은 사진\n\n!\[\]\(\/uploads\/[0-9a-f]{64}\.webp\)\n!\[\]\(\/uploads\/[0-9a-f]{64}\.gif\)$/,
    );
    expect(post.body_html).toMatch(
      /<img alt="" src="\/uploads\/[0-9a-f]{64}\.webp" width="200" height="400" loading="lazy" decoding="async" \/>/,
    );
    expect(post.body_html).toMatch(/src="\/uploads\/[0-9a-f]{64}\.gif" width="60" height="40"/);
    expect(post.has_images).toBe(1);
  });

  test("the preview shows the images and the form comes back with them in its body", async () => {
    const { cookie } = await member();
    const answer = await writeForm(cookie, { intent: "preview", title: "미리", body: "본문" }, [
      { bytes: await png(40, 30) },
    ]);
    expect(answer.status).toBe(200);
    const { values, previewHtml } = payloadOf(answer);
    expect(values.body).toMatch(/^본문\n\n!\[\]\(\/uploads\/[0-9a-f]{64}\.webp\)$/);
    expect(previewHtml).toMatch(/<img alt="" src="\/uploads\/[0-9a-f]{64}\.webp" width="40" height="30"/);
  });

  test("an empty file input changes nothing", async () => {
    const { cookie } = await member();
    const answer = await writeForm(cookie, { intent: "save", title: "글만", body: "그림 없음" }, [
      { bytes: new Uint8Array(0), name: "", type: "application/octet-stream" },
    ]);
    expect(answer.status).toBe(303);
    const post = await postRow(postIdOf(answer.headers.get("Location")));
    expect(post).toMatchObject({ body_md: "그림 없음", has_images: 0 });
  });

  test.each([
    [
      "a renamed PDF among good images",
      400,
      "2번째 그림: JPEG, PNG, WebP, GIF",
      async () => [{ bytes: await png(31, 31) }, { bytes: RENAMED_PDF, name: "x.png" }],
    ],
    [
      "more than 20 files",
      400,
      "20개까지",
      async () => Array.from({ length: 21 }, () => ({ bytes: Buffer.from("x") })),
    ],
    ["a 30 MB file", 413, "10MB까지", async () => [{ bytes: new Uint8Array(30 * 1024 * 1024), name: "huge.jpg" }]],
  ])("%s: %i, the form kept as typed with a Korean message, nothing stored", async (_, status, message, files) => {
    const { cookie } = await member();
    const before = await storedCount();
    const typed = { intent: "save", title: "지켜야 할 제목", body: "지켜야 할 본문" };
    const answer = await writeForm(cookie, typed, await files());
    expect(answer.status).toBe(status);
    const { values, fieldErrors } = payloadOf(answer);
    expect(values).toEqual({ category: "news", title: typed.title, body: typed.body });
    expect(fieldErrors.images).toContain(message);
    expect(await storedCount()).toEqual(before);
  });

  test("over the upload limit: 429 with Retry-After, the form kept", async () => {
    const { id, cookie } = await member();
    await db
      .insertInto("upload_events")
      .values(Array.from({ length: 99 }, () => ({ user_id: id, created_at: Date.now() })))
      .execute();
    const answer = await writeForm(cookie, { intent: "save", title: "제목", body: "본문" }, [
      { bytes: await png(21, 21) },
      { bytes: await png(22, 22) },
    ]);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(payloadOf(answer).values.title).toBe("제목");
  });

  test("editing adds images after the body and records them", async () => {
    const { cookie } = await member();
    const written = await writeForm(cookie, { intent: "save", title: "고칠 글", body: "처음" });
    const postId = postIdOf(written.headers.get("Location"));
    expect((await postRow(postId)).has_images).toBe(0);
    const request = multipart(
      `/square/${postId}/edit`,
      { intent: "save", category: "news", title: "고친 글", body: "처음" },
      { images: [{ bytes: await png(64, 48) }] },
      { Cookie: cookie },
    );
    const answer = await callRoute(db, editAction, request, { board: "square", postId: String(postId) });
    expect(answer.status).toBe(303);
    const post = await postRow(postId);
    expect(post.body_html).toContain('width="64" height="48"');
    expect(post.has_images).toBe(1);
  });
});

describe("lists, deletion and clean-up", () => {
  test("the list marks posts with pictures without reading their bodies", async () => {
    const { cookie } = await member();
    const withImage = postIdOf(
      (
        await writeForm(cookie, { intent: "save", title: "그림 글", body: "x" }, [{ bytes: await png(11, 12) }])
      ).headers.get("Location"),
    );
    const withoutImage = postIdOf(
      (await writeForm(cookie, { intent: "save", title: "글", body: "y" })).headers.get("Location"),
    );
    const { posts } = await listBoardPosts(db, { boardId: board.id, page: 1, liveCount: 1000, limit: 100 });
    expect(posts.find((post) => post.id === withImage)?.hasImages).toBe(1);
    expect(posts.find((post) => post.id === withoutImage)?.hasImages).toBe(0);
  });

  test("deleting a post keeps the picture another post shows; clean-up takes only what no live post uses", async () => {
    const author = await member();
    const shared = await upload(author.cookie, { bytes: await png(90, 91, "#f0f") });
    const unused = await upload(author.cookie, { bytes: await png(92, 93, "#0ff") });
    const body = (words: string) => `${words}\n\n${shared.body.markdown}`;
    const first = postIdOf(
      (await writeForm(author.cookie, { intent: "save", title: "첫째", body: body("같은 그림") })).headers.get(
        "Location",
      ),
    );
    const second = postIdOf(
      (await writeForm(author.cookie, { intent: "save", title: "둘째", body: body("같은 그림 또") })).headers.get(
        "Location",
      ),
    );
    const deleted = await member();
    const onlyInDeleted = await upload(deleted.cookie, { bytes: await png(94, 95, "#ff0") });
    const third = postIdOf(
      (
        await writeForm(deleted.cookie, { intent: "save", title: "셋째", body: onlyInDeleted.body.markdown })
      ).headers.get("Location"),
    );
    const actor = { id: author.id, role: "member" as const };
    expect(await deletePost(db, first, actor)).toBe("done");
    expect(await deletePost(db, third, { id: deleted.id, role: "member" })).toBe("done");

    const storage = uploadStorage();
    const fileOf = (url: string) => url.slice("/uploads/".length);
    // Within a day of their upload, even unused pictures stay: a post being written may still take them.
    await cleanUnusedUploads(db, storage, Date.now() + DAY_MS / 2);
    for (const url of [shared.body.url, unused.body.url, onlyInDeleted.body.url]) {
      expect((await uploadFileResponse(fileOf(url), "GET")).status).toBe(200);
    }
    const removed = await cleanUnusedUploads(db, storage, Date.now() + DAY_MS + 60_000);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect((await uploadFileResponse(fileOf(shared.body.url), "GET")).status).toBe(200);
    expect((await uploadFileResponse(fileOf(unused.body.url), "GET")).status).toBe(404);
    expect((await uploadFileResponse(fileOf(onlyInDeleted.body.url), "GET")).status).toBe(404);
    const hashes = new Set((await db.selectFrom("uploads").select("hash").execute()).map((row) => row.hash));
    const hashOf = (url: string) => fileOf(url).split(".")[0];
    expect([shared, unused, onlyInDeleted].map((answer) => hashes.has(hashOf(answer.body.url)))).toEqual([
      true,
      false,
      false,
    ]);
    expect((await postRow(second)).body_html).toContain(shared.body.url);
    // The hourly limit's old counts went with them.
    const events = await db.selectFrom("upload_events").select("id").execute();
    expect(events).toEqual([]);
  });
});
