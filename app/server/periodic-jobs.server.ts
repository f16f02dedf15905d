import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { uploadStorage } from "~/lib/upload-storage.server";
import { refreshHotRanking } from "~/models/hot-ranking.server";
import { pruneOldNotifications } from "~/models/notifications.server";
import { cleanUnusedUploads } from "~/models/uploads.server";

/**
 * Work the server does on a timer rather than per request. server.js runs these in one worker per server (the
 * jobs worker); with several app servers each runs them, so every job must be harmless when two servers run it at
 * once. Add a job by adding an entry here.
 */
export interface PeriodicJob {
  name: string;
  /** Time from the end of one run to the start of the next. */
  everyMs: number;
  run(db: Kysely<Database>, now: number): Promise<unknown>;
}

/** Under a minute between runs, their own time included, so the HOT ranking is never more than a minute old. */
const HOT_RANKING_EVERY_MS = 50_000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const PERIODIC_JOBS: readonly PeriodicJob[] = [
  {
    name: "hot-ranking",
    everyMs: HOT_RANKING_EVERY_MS,
    // Another server's replacement less than half a period old is fresh enough: skip the work.
    run: (db, now) => refreshHotRanking(db, { now, minIntervalMs: HOT_RANKING_EVERY_MS / 2 }),
  },
  // What `npm run uploads:clean` does: pictures no live post has used for a day.
  // Notifications older than 30 days; hourly, so a prune deletes an hour's worth, not a backlog.
  { name: "old-notifications", everyMs: HOUR_MS, run: (db, now) => pruneOldNotifications(db, now) },
  { name: "unused-uploads", everyMs: DAY_MS, run: (db, now) => cleanUnusedUploads(db, uploadStorage(), now) },
];

export interface JobLogger {
  error(details: object, message: string): void;
}

export interface RunningJobs {
  /** Cancels the next runs and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Runs every job at once and resolves when that first round is over (server.js waits for it before listening, so a
 * fresh server serves a HOT ranking), then runs each again `everyMs` after its run ends, so a slow run never
 * overlaps the next. A run that throws is logged and the job goes on at its next time: a failing job never stops
 * the server or the other jobs.
 */
export async function startPeriodicJobs(
  db: Kysely<Database>,
  logger: JobLogger,
  jobs: readonly PeriodicJob[] = PERIODIC_JOBS,
): Promise<RunningJobs> {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  function runNow(job: PeriodicJob): Promise<void> {
    if (stopped) return Promise.resolve();
    const run: Promise<void> = Promise.resolve()
      .then(() => job.run(db, Date.now()))
      .then(
        () => undefined,
        (error: unknown) => logger.error({ job: job.name, err: error }, "periodic job failed"),
      )
      .finally(() => {
        running.delete(run);
        schedule(job);
      });
    running.add(run);
    return run;
  }

  function schedule(job: PeriodicJob) {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      runNow(job);
    }, job.everyMs);
    // A timer alone never keeps the process alive: the server decides when it ends.
    timer.unref();
    timers.add(timer);
  }

  await Promise.all(jobs.map(runNow));
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
