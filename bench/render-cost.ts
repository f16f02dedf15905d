/**
 * What one request costs the server, for comparing two builds of the render and serving path (ADR 025): CPU time of
 * the server's processes per request (read from /proc, so a busy machine skews it far less than requests per
 * second), bytes per response, and req/s, p50 and p99 at 8 connections:
 *   npm run build && npx tsx bench/render-cost.ts --db /tmp/render.db [--requests 2000] [--rounds 3]
 * Each route gets a fixed number of requests per round after a warm-up; each figure is the median over the rounds.
 */
import autocannon, { type Options as AutocannonOptions } from "autocannon";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { benchDatabaseUrl, prepareFixtures } from "./fixtures";
import { childProcessIds } from "./processes";
import { startServer } from "./server-process";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
// /proc counts CPU time in clock ticks of 10 ms (USER_HZ, 100 on Linux).
const MS_PER_CLOCK_TICK = 10;

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    requests: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: "3498" },
  },
});
if (!values.db) throw new Error("--db FILE is required (make one with npm run bench:data)");
const database = values.db;
const amount = Number(values.requests);
const rounds = Number(values.rounds);

interface CostRoute {
  name: string;
  path: string;
  listCache: "off" | "on";
  headers?: Record<string, string>;
}

/** CPU time (user + system) of the server's primary and workers so far, in ms. */
function serverCpuMs(pid: number): number {
  let ticks = 0;
  for (const id of [pid, ...childProcessIds(pid)]) {
    const fields = readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1].split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * MS_PER_CLOCK_TICK;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function measure(origin: string, pid: number, route: CostRoute) {
  const options: AutocannonOptions = {
    url: origin + route.path,
    connections: 8,
    headers: { "user-agent": BROWSER_UA, "accept-encoding": "gzip", ...route.headers },
  };
  await autocannon({ ...options, amount: Math.ceil(amount / 4) });
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const cpuBefore = serverCpuMs(pid);
    const result = await autocannon({ ...options, amount });
    const answered = result.requests.total;
    samples.push({
      cpuMs: (serverCpuMs(pid) - cpuBefore) / answered,
      bytes: result.throughput.total / answered,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
    });
  }
  const row = {
    route: route.name,
    cpuMsPerRequest: Number(median(samples.map((s) => s.cpuMs)).toFixed(2)),
    bytesPerResponse: Math.round(median(samples.map((s) => s.bytes))),
    rps: Math.round(median(samples.map((s) => s.rps))),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    non2xx: samples.reduce((sum, s) => sum + s.non2xx, 0),
  };
  console.log(
    `| ${row.route} | ${row.cpuMsPerRequest} | ${row.bytesPerResponse} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.non2xx} |`,
  );
}

async function main() {
  const f = await prepareFixtures(database, 2_000);
  const member = { cookie: `madang_session=${f.sessionId}` };
  const routes: CostRoute[] = [
    { name: "/about", path: "/about", listCache: "off" },
    { name: "list page 1", path: `/${f.boardSlug}`, listCache: "off" },
    { name: "list page 1, bot", path: `/${f.boardSlug}`, listCache: "off", headers: { "user-agent": BOT_UA } },
    { name: "list page 1, logged in", path: `/${f.boardSlug}`, listCache: "off", headers: member },
    { name: "post page, logged in", path: f.postPath, listCache: "off", headers: member },
    { name: "list page 1, data request", path: `/${f.boardSlug}.data`, listCache: "off" },
    { name: "list page 1, cached", path: `/${f.boardSlug}`, listCache: "on" },
  ];
  console.log(`${amount} requests per round, ${rounds} rounds, 8 connections, Accept-Encoding: gzip`);
  console.log(
    "| route | CPU ms/request | bytes/response | req/s | p50 ms | p99 ms | non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const listCache of ["off", "on"] as const) {
    const server = await startServer(benchDatabaseUrl(database), Number(values.port), {
      LIST_CACHE: listCache,
      RATE_LIMITS: "off",
    });
    for (const route of routes.filter((r) => r.listCache === listCache))
      await measure(server.origin, server.pid, route);
    await server.stop();
  }
}

await main();
