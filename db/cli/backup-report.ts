import { statSync } from "node:fs";
import type { BoardCheck } from "../backup";

/** Rows per table on stdout; counters that differ from their rows on stderr as one line, with exit code 1. */
export function printBoardCheck(check: BoardCheck): void {
  for (const [table, rows] of Object.entries(check.rows)) {
    console.log(`  ${table.padEnd(26)} ${rows.toLocaleString("en")} rows`);
  }
  if (check.problems.length > 0) {
    console.error(`카운터가 행과 다릅니다 (counters differ from their rows): ${check.problems.join("; ")}`);
    process.exitCode = 1;
  }
}

export function fileSize(path: string): string {
  const bytes = statSync(path).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

const started = performance.now();
export const secondsSinceStart = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
