/**
 * Sends N first-time readers to one post at once on the production server, each as a browser does (the page, then
 * the view image with the cookie the page set), then a share of them again, and prints whether the stored view count
 * rose by exactly N (and not at all for the returning readers) and the slowest answer:
 *   npm run build && npm run bench:burst -- --db bench/data/10k.db [--readers 3000] [--workers 2]
 * (`--db` also takes a PostgreSQL URL; `npm run bench -- --burst 3000` runs the same.) Issue 13's target: 3,000
 * readers, every one answered, the slowest within 5 s, the count exact.
 * Views are written to the database: run it on a copy made by bench:data, never on real data.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { runBurst } from "./reader-burst";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    readers: { type: "string", default: "3000" },
    workers: { type: "string", default: "2" },
    port: { type: "string", default: "3498" },
  },
});
if (!values.db) throw new Error("--db FILE or --db postgres://… is required (make one with npm run bench:data)");
if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run `npm run build` first.");

const { exact } = await runBurst(values.db, {
  readers: Number(values.readers),
  port: Number(values.port),
  env: { WEB_CONCURRENCY: values.workers! },
});
if (!exact) process.exitCode = 1;
