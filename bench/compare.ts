/**
 * Issue 13's target across board sizes: each route's p50 on the larger board within 1.3× of the smaller one's.
 * Compares two files written by `npm run bench` (the same routes, run on two bench:data sizes):
 *   npm run bench:compare -- bench/results/10k-….json bench/results/1m-….json
 */
import { readFileSync } from "node:fs";
import type { BenchRow } from "./targets";

export const P50_GROWTH_LIMIT = 1.3;

interface BenchReport {
  database: string;
  posts: number;
  rows: BenchRow[];
}

const files = process.argv.slice(2).filter((arg) => arg !== "--");
if (files.length !== 2) throw new Error("usage: npm run bench:compare -- SMALLER.json LARGER.json");
const [small, large] = files.map((file) => JSON.parse(readFileSync(file, "utf8")) as BenchReport);

console.log(
  `p50 from ${small.database} (${small.posts.toLocaleString("en")} posts) to ${large.database} (${large.posts.toLocaleString("en")} posts), target ≤ ${P50_GROWTH_LIMIT}×\n`,
);
console.log(
  "| route | list cache | p50 ms (smaller) | p50 ms (larger) | ratio | met |\n| --- | --- | ---: | ---: | ---: | --- |",
);
let over = 0;
for (const row of large.rows) {
  // Writes are not read routes; their time goes to the one writer, not to the board's size.
  if (row.write) continue;
  const before = small.rows.find((r) => r.route === row.route && r.listCache === row.listCache);
  if (!before) continue;
  // A p50 of 0–1 ms (a static file) grows by whole milliseconds: compare from 1 ms.
  const ratio = Math.max(1, row.p50) / Math.max(1, before.p50);
  const met = ratio <= P50_GROWTH_LIMIT;
  if (!met) over++;
  console.log(
    `| ${row.route} | ${row.listCache} | ${before.p50} | ${row.p50} | ${ratio.toFixed(2)} | ${met ? "yes" : "**no**"} |`,
  );
}
console.log(`\n${over === 0 ? "met on every route" : `${over} route(s) over ${P50_GROWTH_LIMIT}×`}`);
process.exitCode = over === 0 ? 0 : 1;
