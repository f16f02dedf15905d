/**
 * The JavaScript a browser downloads for a page, from the built manifest: the entry, the root and each route of the
 * page with their imported chunks, each file counted once. Prints raw and gzip bytes and whether zod came along:
 *   npm run build && npx tsx bench/client-js.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const PUBLIC_DIR = "public";
const BUILD_DIR = join(PUBLIC_DIR, "build");

// A page loads every route on its path, from the root down.
const PAGES: Record<string, string[]> = {
  "list page (/square)": ["root", "routes/$board._index"],
  "post page (/square/1)": ["root", "routes/$board.$postId"],
};

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
}

function readManifest(): Manifest {
  const file = readdirSync(BUILD_DIR).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error(`No manifest in ${BUILD_DIR}: run npm run build first.`);
  const source = readFileSync(join(BUILD_DIR, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("=") + 1).replace(/;\s*$/, "")) as Manifest;
}

function filesOf(entry: ManifestEntry): string[] {
  return [entry.module, ...(entry.imports ?? [])];
}

const manifest = readManifest();
for (const [page, routeIds] of Object.entries(PAGES)) {
  const urls = new Set([manifest.entry, ...routeIds.map((id) => manifest.routes[id])].flatMap(filesOf));
  let raw = 0;
  let gzip = 0;
  let hasZod = false;
  for (const url of urls) {
    const code = readFileSync(join(PUBLIC_DIR, url));
    raw += code.byteLength;
    gzip += gzipSync(code, { level: 9 }).byteLength;
    hasZod ||= code.includes("ZodError");
  }
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`${page}: ${urls.size} files, ${kb(raw)} raw, ${kb(gzip)} gzip${hasZod ? ", includes zod" : ""}`);
}
