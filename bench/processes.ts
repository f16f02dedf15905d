import { readdirSync, readFileSync } from "node:fs";

/** Whether the process runs: it exists, and is not a zombie left for its parent (or init) to reap. */
export function isProcessRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state …": the command may hold spaces and parentheses, the state follows the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The running child processes of `pid`: a `node server.js` primary's workers. Linux only (/proc). */
export function childProcessIds(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  // Each thread lists the children it forked; a cluster primary may fork from any of its threads.
  const children = threads.flatMap((thread) => {
    try {
      return readFileSync(`/proc/${pid}/task/${thread}/children`, "utf8").split(" ").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return children.filter(isProcessRunning);
}
