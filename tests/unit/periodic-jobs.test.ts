import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { PERIODIC_JOBS, startPeriodicJobs, type PeriodicJob } from "~/server/periodic-jobs.server";

const db = {} as Kysely<Database>;

afterEach(() => {
  vi.useRealTimers();
});

function recordingLogger() {
  const errors: { job: unknown; message: string }[] = [];
  return { errors, error: (details: { job?: unknown }, message: string) => errors.push({ job: details.job, message }) };
}

describe("startPeriodicJobs", () => {
  it("has the HOT ranking among the server's jobs, at least once a minute", () => {
    const hot = PERIODIC_JOBS.find((job) => job.name === "hot-ranking");
    expect(hot?.everyMs).toBeLessThanOrEqual(60_000);
  });

  it("has the pruning of notifications older than 30 days among the server's jobs, every hour", () => {
    const notifications = PERIODIC_JOBS.find((job) => job.name === "old-notifications");
    expect(notifications?.everyMs).toBe(60 * 60 * 1000);
  });

  it("has the clean-up of unused pictures among the server's jobs, once a day", () => {
    const uploads = PERIODIC_JOBS.find((job) => job.name === "unused-uploads");
    expect(uploads?.everyMs).toBe(24 * 60 * 60 * 1000);
  });

  it("runs each job once before resolving, then again every period after each run ends", async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const job: PeriodicJob = { name: "count", everyMs: 1_000, run: async (_db, now) => void runs.push(now) };
    const jobs = await startPeriodicJobs(db, recordingLogger(), [job]);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toHaveLength(5);
    await jobs.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(5);
  });

  it("logs a failing job, keeps running it and the others, and never rejects", async () => {
    vi.useFakeTimers();
    const logger = recordingLogger();
    let healthyRuns = 0;
    const jobs = await startPeriodicJobs(db, logger, [
      {
        name: "broken",
        everyMs: 1_000,
        run: async () => {
          throw new Error("database is gone");
        },
      },
      {
        name: "throws-at-once",
        everyMs: 1_000,
        run: () => {
          throw new Error("not even a promise");
        },
      },
      { name: "healthy", everyMs: 1_000, run: async () => void healthyRuns++ },
    ]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(healthyRuns).toBe(3);
    expect(logger.errors.filter((e) => e.job === "broken")).toHaveLength(3);
    expect(logger.errors.filter((e) => e.job === "throws-at-once")).toHaveLength(3);
    expect(logger.errors[0].message).toBe("periodic job failed");
    await jobs.stop();
  });

  it("waits for a run in progress when stopped, so the database can be closed after", async () => {
    vi.useFakeTimers();
    let runs = 0;
    let finishSecondRun: () => void = () => {};
    const slow: PeriodicJob = {
      name: "slow",
      everyMs: 1_000,
      run: () => {
        runs++;
        return runs === 1 ? Promise.resolve() : new Promise<void>((resolve) => (finishSecondRun = resolve));
      },
    };
    const jobs = await startPeriodicJobs(db, recordingLogger(), [slow]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stopped).toBe(false);
    finishSecondRun();
    await stopping;
    expect(stopped).toBe(true);
    expect(runs).toBe(2);
  });
});
