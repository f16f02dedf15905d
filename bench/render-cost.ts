/**
 * What one request costs the server, for comparing builds of the render and serving path (ADR 025): CPU time of the
 * server's processes per request (read from /proc, so a busy machine skews it far less than requests per second),
 * bytes per response, and req/s, p50 and p99 at 8 connections. Each `--build name=folder` is a built checkout; all
 * of them run at once on the same database and take turns, route by route and round by round, so load from other
 * work falls on each alike:
 *   npm run build && npx tsx bench/render-cost.ts --db /tmp/render.db --build before=/tmp/old-checkout --build after=.
 * Each figure is the median over the rounds (`--rounds 3`, `--requests 600` per round, after a quarter as warm-up);
 * `--only health` runs only the routes whose name has that in it.
 */
import autocannon, { type Options as AutocannonOptions } from "autocannon";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { benchDatabaseUrl, prepareFixtures } from "./fixtures";
import { childProcessIds } from "./processes";
import { startServer, type RunningServer } from "./server-process";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
// /proc counts CPU time in clock ticks of 10 ms (USER_HZ, 100 on Linux).
const MS_PER_CLOCK_TICK = 10;

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    build: { type: "string", multiple: true, default: ["this=."] },
    requests: { type: "string", default: "600" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: "3480" },
    /** Only the routes whose name contains this. */
    only: { type: "string", default: "" },
  },
});
if (!values.db) throw new Error("--db FILE is required (make one with npm run bench:data)");
const database = values.db;
const amount = Number(values.requests);
const rounds = Number(values.rounds);
const builds = values.build.map((entry) => {
  const [name, folder] = entry.split("=");
  return { name, folder };
});

interface CostRoute {
  name: string;
  path: string;
  listCache: "off" | "on";
  headers?: Record<string, string>;
}

interface Sample {
  cpuMs: number;
  bytes: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
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

function optionsFor(server: RunningServer, route: CostRoute): AutocannonOptions {
  return {
    url: server.origin + route.path,
    connections: 8,
    headers: { "user-agent": BROWSER_UA, "accept-encoding": "gzip", ...route.headers },
  };
}

async function sample(server: RunningServer, route: CostRoute): Promise<Sample> {
  const cpuBefore = serverCpuMs(server.pid);
  const result = await autocannon({ ...optionsFor(server, route), amount });
  const answered = result.requests.total;
  return {
    cpuMs: (serverCpuMs(server.pid) - cpuBefore) / answered,
    bytes: result.throughput.total / answered,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

function printRow(route: CostRoute, build: string, samples: Sample[]) {
  const cpu = median(samples.map((s) => s.cpuMs)).toFixed(2);
  const bytes = Math.round(median(samples.map((s) => s.bytes)));
  const rps = Math.round(median(samples.map((s) => s.rps)));
  const p50 = median(samples.map((s) => s.p50));
  const p99 = median(samples.map((s) => s.p99));
  const non2xx = samples.reduce((sum, s) => sum + s.non2xx, 0);
  console.log(`| ${route.name} | ${build} | ${cpu} | ${bytes} | ${rps} | ${p50} | ${p99} | ${non2xx} |`);
}

async function main() {
  const f = await prepareFixtures(database, 2_000);
  const member = { cookie: `madang_session=${f.sessionId}` };
  const list = `/${f.boardSlug}`;
  const routes: CostRoute[] = [
    // Next to no work of the app's own: what is left is the server's share of a request.
    { name: "health check", path: "/healthz", listCache: "off" },
    { name: "/about", path: "/about", listCache: "off" },
    { name: "list page 1", path: list, listCache: "off" },
    { name: "list page 1, bot", path: list, listCache: "off", headers: { "user-agent": BOT_UA } },
    { name: "list page 1, logged in", path: list, listCache: "off", headers: member },
    { name: "post page, logged in", path: f.postPath, listCache: "off", headers: member },
    { name: "list page 1, data request", path: `${list}.data`, listCache: "off" },
    { name: "list page 1, cached", path: list, listCache: "on" },
  ];
  console.log(`${amount} requests per round, ${rounds} rounds, 8 connections, Accept-Encoding: gzip`);
  console.log("| route | build | CPU ms/request | bytes/response | req/s | p50 ms | p99 ms | non-2xx |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const listCache of ["off", "on"] as const) {
    const phaseRoutes = routes.filter((r) => r.listCache === listCache && r.name.includes(values.only));
    if (phaseRoutes.length === 0) continue;
    const servers = await Promise.all(
      builds.map((build, i) =>
        startServer(
          benchDatabaseUrl(database),
          Number(values.port) + i,
          { LIST_CACHE: listCache, RATE_LIMITS: "off" },
          build.folder,
        ),
      ),
    );
    for (const route of phaseRoutes) {
      for (const server of servers) await autocannon({ ...optionsFor(server, route), amount: Math.ceil(amount / 4) });
      const samples = servers.map((): Sample[] => []);
      for (let round = 0; round < rounds; round++) {
        for (const [i, server] of servers.entries()) samples[i].push(await sample(server, route));
      }
      for (const [i, build] of builds.entries()) printRow(route, build.name, samples[i]);
    }
    await Promise.all(servers.map((server) => server.stop()));
  }
}

await main();
