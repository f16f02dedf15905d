/**
 * Loads the production server on loopback and prints requests per second, p50, p99 and errors per route:
 *   npm run build && npm run bench -- --db bench/data/1m.db [--duration 10] [--connections 8]
 *   npm run build && npm run bench -- --db postgres://USER@HOST:PORT/bench_1m
 *   npm run build && npm run bench -- --db bench/data/1m.db --burst 3000   (the burst of bench/burst.ts instead)
 * The database gets written to (views, comments, a session): bench on a copy made by bench:data, never on real data.
 */
import autocannon, { type Options as AutocannonOptions, type Result } from "autocannon";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { processImage } from "~/lib/image-processing.server";
import { uploadFileName, uploadUrl } from "~/lib/upload-paths";
import { folderStorage } from "~/lib/upload-storage.server";
import {
  benchDatabaseName,
  benchDatabaseUrl,
  prepareFixtures,
  searchFrequencies,
  type BenchFixtures,
} from "./fixtures";
import { runBurst } from "./reader-burst";
import { startServer } from "./server-process";
import { checkTargets, printTargets, TARGET_ROWS, type BenchRow } from "./targets";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const DEEP_PAGE = 2_000;
const WARMUP_SECONDS = 2;

interface Route {
  name: string;
  path: string;
  expectStatus: number;
  options?: Partial<AutocannonOptions>;
  /** Loaded at the same time and not measured: writes the route's reads run beside. */
  alongside?: Route;
}

type Row = BenchRow;

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
    port: { type: "string", default: "3499" },
    burst: { type: "string" },
  },
});
if (!values.db) throw new Error("--db FILE or --db postgres://… is required (make one with npm run bench:data)");
const database = values.db;
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = Number(values.port);

/**
 * A logged-out reader's view of a post, as a browser makes it: the page without a reader cookie (a new reader every
 * time), then the page's view image with the cookie the page set, which counts the view. Each pair is two requests.
 */
function browserPostView(postPath: string): Partial<AutocannonOptions> {
  return {
    requests: [
      {
        path: postPath,
        onResponse: (_status, _body, context, headers) => {
          const given = [headers["set-cookie"] ?? headers["Set-Cookie"] ?? []].flat();
          context.cookie = given.find((cookie) => cookie.startsWith("madang_reader="))?.split(";")[0] ?? "";
        },
      },
      {
        path: `${postPath}/view`,
        setupRequest: (request, context) => ({
          ...request,
          headers: { ...request.headers, cookie: String(context.cookie), "sec-fetch-site": "same-origin" },
        }),
      },
    ],
  };
}

/** One uploaded picture (a 1280 × 720 photo-sized WebP) in a folder of its own, for the server's UPLOADS_DIR. */
async function benchUpload(): Promise<{ directory: string; path: string }> {
  const directory = mkdtempSync(join(tmpdir(), "madang-bench-uploads-"));
  const photo = await sharp({ create: { width: 1280, height: 720, channels: 3, background: "#6a8" } })
    .jpeg()
    .toBuffer();
  const processed = await processImage(photo);
  if (!processed.ok) throw new Error(processed.message);
  const { hash, format, bytes } = processed.image;
  await folderStorage(directory).put(uploadFileName(hash, format), bytes);
  return { directory, path: uploadUrl(hash, format) };
}

function memberListRoute(f: BenchFixtures): Route {
  return {
    name: TARGET_ROWS.memberList,
    path: `/${f.boardSlug}`,
    expectStatus: 200,
    options: { headers: { cookie: `madang_session=${f.sessionId}` } },
  };
}

function readRoutes(f: BenchFixtures, uploadPath: string): Route[] {
  const list = `/${f.boardSlug}`;
  return [
    { name: "simplest page (/about)", path: "/about", expectStatus: 200 },
    // Served by server.js before sessions and Remix, as a static file.
    { name: "uploaded image", path: uploadPath, expectStatus: 200 },
    // Issue 10's target: p99 under 50 ms, so a load balancer's check never times out on a busy board.
    { name: "health check (/healthz)", path: "/healthz", expectStatus: 200 },
    { name: "list page 1", path: list, expectStatus: 200 },
    { name: `list page ${DEEP_PAGE}`, path: `${list}?page=${DEEP_PAGE}`, expectStatus: 200 },
    { name: "category list", path: `${list}?category=${f.categorySlug}`, expectStatus: 200 },
    // Issue 16: the stored ranking, read per request; recomputed by the server's minute job, never here.
    { name: "HOT (/hot)", path: "/hot", expectStatus: 200 },
    // Issue 14: the index reads max(id); a page is one range of 5,000 post ids (about 0.5 MB of XML, compressed).
    { name: "sitemap index (/sitemap.xml)", path: "/sitemap.xml", expectStatus: 200 },
    { name: "sitemap page (/sitemap/1.xml)", path: "/sitemap/1.xml", expectStatus: 200 },
    // Every pair is a new reader, so every pair writes a view; req/s counts the page and the image each.
    { name: TARGET_ROWS.loggedOutPost, path: f.postPath, expectStatus: 200, options: browserPostView(f.postPath) },
    memberListRoute(f),
    // Issue 13: the member's post page against the member's list (≥ 0.7×) and the logged-out one (3× it).
    {
      name: TARGET_ROWS.memberPost,
      path: f.postPath,
      expectStatus: 200,
      options: { headers: { cookie: `madang_session=${f.sessionId}` } },
    },
    {
      name: "notifications, logged in",
      path: "/notifications",
      expectStatus: 200,
      options: { headers: { cookie: `madang_session=${f.sessionId}` } },
    },
  ];
}

/** The searches the bench loads, on the list's board; their frequencies are printed before the runs. */
const BENCH_SEARCHES = [
  { name: "search, frequent term", query: "정치", scope: "title_body" },
  { name: "search, rare term", query: "위고비2", scope: "title_body" },
  { name: "search, three terms", query: "국회 환율 AI", scope: "title_body" },
  { name: "search, comments", query: "카톡", scope: "comment" },
] as const;

function searchRoutes(f: BenchFixtures): Route[] {
  return BENCH_SEARCHES.map((search) => ({
    name: search.name,
    path: `/${f.boardSlug}?${new URLSearchParams({ q: search.query, scope: search.scope })}`,
    expectStatus: 200,
  }));
}

function commentRoute(f: BenchFixtures, origin: string): Route {
  return {
    name: "comment write",
    path: f.postPath,
    expectStatus: 303,
    options: {
      method: "POST",
      headers: {
        cookie: `madang_session=${f.sessionId}`,
        origin,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "comment", body: "벤치마크 댓글입니다" }).toString(),
    },
  };
}

/**
 * The member list while two more connections post comments: both workers write, so reads run beside writes that
 * wait for SQLite's one write lock (ADR 031).
 */
function readWhileWritingRoute(f: BenchFixtures, origin: string): Route {
  const writes = commentRoute(f, origin);
  return {
    ...memberListRoute(f),
    name: `${TARGET_ROWS.memberList}, while comments are written`,
    alongside: { ...writes, options: { ...writes.options, connections: 2 } },
  };
}

async function load(origin: string, route: Route, seconds: number): Promise<Result> {
  return autocannon({
    url: origin + route.path,
    connections,
    duration: seconds,
    ...route.options,
    headers: { "user-agent": BROWSER_UA, "accept-encoding": "gzip", ...route.options?.headers },
  });
}

async function measure(origin: string, route: Route, listCache: Row["listCache"]): Promise<Row> {
  await load(origin, route, WARMUP_SECONDS);
  const [result] = await Promise.all([
    load(origin, route, duration),
    ...(route.alongside ? [load(origin, route.alongside, duration)] : []),
  ]);
  const expected = result.statusCodeStats[route.expectStatus]?.count ?? 0;
  const answered = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  const row: Row = {
    route: route.name,
    path: route.path,
    listCache,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (answered - expected),
    ...(route.options?.method === "POST" ? { write: true } : {}),
  };
  console.log(
    `  ${row.route.padEnd(28)} ${String(row.rps).padStart(6)} rps  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}`,
  );
  return row;
}

async function runPhase(listCache: Row["listCache"], uploadsDir: string, routes: (origin: string) => Route[]) {
  console.log(`\nlist cache ${listCache}:`);
  // The comment-write route sends one member's same comment hundreds of times a second: no posting limits here.
  const server = await startServer(benchDatabaseUrl(database), port, {
    LIST_CACHE: listCache,
    RATE_LIMITS: "off",
    UPLOADS_DIR: uploadsDir,
  });
  const rows: Row[] = [];
  for (const route of routes(server.origin)) rows.push(await measure(server.origin, route, listCache));
  const peakMemoryMb = server.peakMemoryMb();
  const exit = await server.stop();
  console.log(
    `  peak memory per process (MB): ${peakMemoryMb.join(", ")}; exit after SIGTERM: ${exit.code ?? exit.signal}`,
  );
  return { rows, peakMemoryMb, exitCode: exit.code };
}

function printTable(rows: Row[]) {
  console.log("\n| route | list cache | req/s | p50 ms | p99 ms | errors |\n| --- | --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.route} | ${r.listCache} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}

async function main() {
  if (!existsSync("build/index.js")) execFileSync("npx", ["remix", "build"], { stdio: "inherit" });
  const fixtures = await prepareFixtures(database, DEEP_PAGE);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
  console.log(
    `${benchDatabaseName(database)}: ${fixtures.postCount} posts; page ${DEEP_PAGE} shows page ${fixtures.deepPage}; ${machine}`,
  );
  console.log(`${connections} connections, ${duration} s per route after ${WARMUP_SECONDS} s warm-up`);

  const frequencies = await searchFrequencies(database, BENCH_SEARCHES);
  for (const f of frequencies) {
    const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(2)} %`;
    console.log(
      `"${f.query}" (${f.scope}): ${f.matches.toLocaleString("en")} ${f.scope === "comment" ? "comments" : "posts"} (${share(f.matches, f.scope === "comment" ? f.commentTotal : fixtures.postCount)})`,
    );
  }
  const upload = await benchUpload();
  const routes = readRoutes(fixtures, upload.path);
  const uncached = await runPhase("off", upload.directory, (origin) => [
    ...routes,
    ...searchRoutes(fixtures),
    commentRoute(fixtures, origin),
    readWhileWritingRoute(fixtures, origin),
  ]);
  const cached = await runPhase("on", upload.directory, () =>
    routes.filter((r) => r.name.startsWith("list page") || r.path === "/hot" || r.name === TARGET_ROWS.loggedOutPost),
  );
  rmSync(upload.directory, { recursive: true, force: true });
  const rows = [...uncached.rows, ...cached.rows];
  printTable(rows);

  const rps = (name: string, cache: Row["listCache"]) => rows.find((r) => r.route === name && r.listCache === cache)!;
  const ratios = {
    listVsSimplest: rps("list page 1", "off").rps / rps("simplest page (/about)", "off").rps,
    cachedVsUncachedList: rps("list page 1", "on").rps / rps("list page 1", "off").rps,
    deepVsFirstPageP50: rps(`list page ${DEEP_PAGE}`, "off").p50 / rps("list page 1", "off").p50,
    // Issue 12's target: each search's p50 within 3× the list's.
    ...Object.fromEntries(
      BENCH_SEARCHES.map((search) => [
        `${search.name} p50 vs list`,
        rps(search.name, "off").p50 / rps("list page 1", "off").p50,
      ]),
    ),
  };
  const targets = checkTargets(rows, [...uncached.peakMemoryMb, ...cached.peakMemoryMb], connections);
  console.log(
    "\nratios:",
    Object.entries(ratios)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(", "),
  );
  printTargets(targets);

  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${benchDatabaseName(database)}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  const report = {
    database: benchDatabaseName(database),
    posts: fixtures.postCount,
    deepPageShown: fixtures.deepPage,
    machine,
    connections,
    durationSeconds: duration,
    rows,
    ratios,
    targets,
    searchFrequencies: frequencies,
    peakMemoryMb: { listCacheOff: uncached.peakMemoryMb, listCacheOn: cached.peakMemoryMb },
    cleanShutdown: uncached.exitCode === 0 && cached.exitCode === 0,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${file}`);
}

if (values.burst) {
  const { exact, first } = await runBurst(database, { readers: Number(values.burst), port });
  const slowestSeconds = first.slowestReaderMs / 1000;
  console.log(`slowest reader ${slowestSeconds.toFixed(2)} s (target 5 s: ${slowestSeconds <= 5 ? "met" : "NOT MET"})`);
  if (!exact) process.exitCode = 1;
} else {
  await main();
}
