/**
 * Starts a throwaway PostgreSQL cluster for the bench on a free port on 127.0.0.1, prints its URL, and keeps it
 * running until stopped (Ctrl-C, SIGTERM, or its terminal closing), which also deletes its data:
 *   npx tsx bench/postgres-cluster.ts
 * Then give bench:data and bench a database on it, e.g. `--out postgres://postgres@127.0.0.1:PORT/bench_1m`.
 */
import { once } from "node:events";
import { startThrowawayPostgres } from "#db/throwaway-postgres";

const cluster = await startThrowawayPostgres({ forBench: true });
console.log(`PostgreSQL for the bench: ${cluster.adminUrl} (stop with Ctrl-C; its data is then deleted)`);
// Signal listeners alone do not keep Node running; the timer does until a signal comes.
const keepRunning = setInterval(() => {}, 60_000);
await Promise.race(["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => once(process, signal)));
clearInterval(keepRunning);
await cluster.stop();
console.log("PostgreSQL stopped and its data deleted");
