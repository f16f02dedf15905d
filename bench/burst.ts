/**
 * Sends N concurrent first-time readers to one post on the production server, then a share of them again, and prints
 * whether the stored view count rose by exactly N (and not at all for the returning readers) and the time to the last
 * answer:
 *   npm run build && npm run bench:burst -- --db bench/data/10k.db [--readers 10000] [--workers 2]
 * (`--db` also takes a PostgreSQL URL.)
 * Views are written to the database: run it on a copy made by bench:data, never on real data.
 */
import { existsSync } from "node:fs";
import { withDatabase } from "#db/connection";
import { parseArgs } from "node:util";
import { benchDatabaseUrl, prepareFixtures } from "./fixtures";
import { newReaderIds, readAllAtOnce, type BurstResult } from "./reader-burst";
import { startServer } from "./server-process";

const RETURNING_SHARE = 0.2;

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    readers: { type: "string", default: "10000" },
    workers: { type: "string", default: "2" },
    port: { type: "string", default: "3498" },
  },
});
if (!values.db) throw new Error("--db FILE or --db postgres://… is required (make one with npm run bench:data)");
if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run `npm run build` first.");
const database = values.db;
const readers = Number(values.readers);

async function storedViewCount(postId: number): Promise<number> {
  return withDatabase(benchDatabaseUrl(database), async (db) => {
    const { view_count } = await db
      .selectFrom("posts")
      .select("view_count")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    return view_count;
  });
}

/** Prints one round and says whether the count moved by exactly what it should. */
function report(label: string, burst: BurstResult, added: number, expectedAdded: number): boolean {
  const failed = burst.statuses.filter((status) => status !== 200).length;
  const exact = added === expectedAdded && failed === 0;
  console.log(
    `  ${label.padEnd(22)} ${String(burst.statuses.length).padStart(6)} requests  view_count +${added} ` +
      `(expected +${expectedAdded}, ${exact ? "exact" : "NOT EXACT"})  failed ${failed}  ` +
      `last answer after ${(burst.elapsedMs / 1000).toFixed(1)} s`,
  );
  return exact;
}

async function main() {
  const { postPath } = await prepareFixtures(database, 1);
  const postId = Number(postPath.split("/").at(-1));
  const server = await startServer(benchDatabaseUrl(database), Number(values.port), {
    WEB_CONCURRENCY: values.workers!,
  });
  console.log(`${readers} first-time readers at once on ${postPath}, ${values.workers} workers`);
  try {
    const readerIds = newReaderIds(readers);
    const before = await storedViewCount(postId);
    const first = await readAllAtOnce(server.origin, postPath, readerIds);
    const afterFirst = await storedViewCount(postId);
    const returning = readerIds.slice(0, Math.round(readers * RETURNING_SHARE));
    const second = await readAllAtOnce(server.origin, postPath, returning);
    const exact = [
      report("first-time readers", first, afterFirst - before, readers),
      report("returning readers", second, (await storedViewCount(postId)) - afterFirst, 0),
    ].every(Boolean);
    if (!exact) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
