import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { encodeBody, type Bytes } from "./response-encoding.server";

/**
 * Files under public/, for server.js: `/build/…` (fingerprinted by Remix, so never changing: a year, immutable) and
 * any other path naming one file (`/favicon.svg`: an hour). Each file is read and compressed once per process and
 * kept (public/ is a few hundred KB, part of the release), so serving one costs no disk read and no zlib.
 */

const PUBLIC_DIR = resolve("public");
const BUILD_DIR = resolve(PUBLIC_DIR, "build");
const BUILD_PREFIX = "/build/";
// Only paths that name a file look in public/, so page requests skip a failing lookup.
const PUBLIC_FILE_PATH = /^\/[^/]+\.\w+$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const ONE_HOUR = "public, max-age=3600";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".woff2": "font/woff2",
};

interface StaticFile {
  etag: string;
  body: Bytes;
  headers: Headers;
}

const files = new Map<string, Promise<StaticFile | null>>();

/** The file of public/ this path names, with where it may be looked up; null for a path outside both. */
function fileFor(pathname: string): { path: string; cacheControl: string } | null {
  const inBuild = pathname.startsWith(BUILD_PREFIX);
  if (!inBuild && !PUBLIC_FILE_PATH.test(pathname)) return null;
  const root = inBuild ? BUILD_DIR : PUBLIC_DIR;
  const relative = decodeURIComponent(inBuild ? pathname.slice(BUILD_PREFIX.length) : pathname.slice(1));
  const path = resolve(root, relative);
  // No escape from the folder, and no dotfiles (as express.static's default), at any depth.
  if (!path.startsWith(root + sep) || /(?:^|[\\/])\./.test(relative)) return null;
  return { path, cacheControl: inBuild ? IMMUTABLE : ONE_HOUR };
}

async function readStaticFile(path: string, cacheControl: string): Promise<StaticFile | null> {
  const stats = await stat(path).catch(() => null);
  if (!stats?.isFile()) return null;
  const bytes = new Uint8Array(await readFile(path));
  const etag = `"${createHash("sha1").update(bytes).digest("base64url")}"`;
  const headers = new Headers({
    "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
    "Cache-Control": cacheControl,
    "Last-Modified": stats.mtime.toUTCString(),
    ETag: etag,
  });
  return { etag, ...encodeBody(bytes, headers, true) };
}

/**
 * The answer to a GET or HEAD of a file in public/ (304 when the client's copy is current), or null when the path
 * names none: the request then goes on to Remix.
 */
export async function staticFileResponse(
  pathname: string,
  method: string,
  ifNoneMatch: string | undefined,
): Promise<Response | null> {
  if (method !== "GET" && method !== "HEAD") return null;
  const location = fileFor(pathname);
  if (!location) return null;
  let file = files.get(location.path);
  if (!file) {
    file = readStaticFile(location.path, location.cacheControl);
    files.set(location.path, file);
    // A missing file is looked up again next time, so the map only ever holds what public/ has.
    void file.then((found) => found || files.delete(location.path));
  }
  const found = await file;
  if (!found) return null;
  if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === found.etag)) {
    return new Response(null, { status: 304, headers: { ETag: found.etag, "Cache-Control": location.cacheControl } });
  }
  return new Response(found.body, { headers: found.headers });
}
