/**
 * Issue 13's targets, read from one bench run's rows: each with the figure measured beside it, so a run says
 * directly which are met. The p50 target across sizes compares two runs' files (bench/compare.ts).
 */

export interface BenchRow {
  route: string;
  path: string;
  listCache: "off" | "on";
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Writes (the comment form) are not read routes: the p99 target leaves them out. */
  write?: boolean;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The rows the targets name; the bench's own route names, kept here so a renamed row fails loudly. */
export const TARGET_ROWS = {
  simplest: "simplest page (/about)",
  memberList: "list page 1, logged in",
  memberPost: "post page, logged in",
  /** The page and then its view image, a new reader each time: two requests a view. */
  loggedOutPost: "post page + view image",
} as const;

export const P99_LIMIT_MS = 50;
export const PEAK_MEMORY_LIMIT_MB = 300;
export const TARGET_CONNECTIONS = 8;

function ratioCheck(target: string, numerator: BenchRow, denominator: BenchRow, atLeast: number): TargetCheck {
  const ratio = numerator.rps / Math.max(1, denominator.rps);
  return {
    target: `${target} ≥ ${atLeast}×`,
    measured: `${ratio.toFixed(2)}× (${numerator.rps} / ${denominator.rps} req/s)`,
    met: ratio >= atLeast,
  };
}

/** Every target one run can check: the three throughput ratios, p99 on every read route, peak memory per process. */
export function checkTargets(
  rows: readonly BenchRow[],
  peakMemoryMb: readonly number[],
  connections: number,
): TargetCheck[] {
  const row = (route: string) => {
    const found = rows.find((r) => r.route === route && r.listCache === "off");
    if (!found) throw new Error(`bench row "${route}" (list cache off) is missing`);
    return found;
  };
  const servedRow = (route: string) => {
    const found = rows.find((r) => r.route === route && r.listCache === "on");
    if (!found) throw new Error(`bench row "${route}" (list cache on) is missing`);
    return found;
  };
  const reads = rows.filter((r) => !r.write);
  const slow = reads.filter((r) => r.p99 >= P99_LIMIT_MS);
  const worst = reads.reduce((a, b) => (b.p99 > a.p99 ? b : a));
  const peak = Math.max(...peakMemoryMb);
  return [
    ratioCheck("member list vs /about", row(TARGET_ROWS.memberList), row(TARGET_ROWS.simplest), 0.8),
    ratioCheck("member post page vs member list", row(TARGET_ROWS.memberPost), row(TARGET_ROWS.memberList), 0.7),
    // Counted in views (page and image) a second, as served: from the shared cache, which is on unless LIST_CACHE=off.
    ratioCheck(
      "logged-out post views (page + view image) vs member post page",
      { ...servedRow(TARGET_ROWS.loggedOutPost), rps: servedRow(TARGET_ROWS.loggedOutPost).rps / 2 },
      row(TARGET_ROWS.memberPost),
      3,
    ),
    {
      target: `p99 < ${P99_LIMIT_MS} ms on every read route at ${TARGET_CONNECTIONS} connections`,
      measured:
        (connections === TARGET_CONNECTIONS ? "" : `(run at ${connections} connections) `) +
        (slow.length === 0
          ? `worst ${worst.p99} ms (${worst.route}, cache ${worst.listCache})`
          : `${slow.length} of ${reads.length} over; worst ${worst.p99} ms (${worst.route}, cache ${worst.listCache})`),
      met: connections === TARGET_CONNECTIONS && slow.length === 0,
    },
    {
      target: `peak memory < ${PEAK_MEMORY_LIMIT_MB} MB per process`,
      measured: `${peak} MB (VmHWM of the primary and each worker: ${peakMemoryMb.join(", ")})`,
      met: peak < PEAK_MEMORY_LIMIT_MB,
    },
  ];
}

export function printTargets(checks: readonly TargetCheck[]) {
  console.log("\nissue 13 targets:\n| target | measured | met |\n| --- | --- | --- |");
  for (const c of checks) console.log(`| ${c.target} | ${c.measured} | ${c.met ? "yes" : "**no**"} |`);
}
