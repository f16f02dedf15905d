import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { childProcessIds } from "./processes";

export interface RunningServer {
  origin: string;
  /** The primary's process id; its workers are its child processes. */
  pid: number;
  /** Peak resident memory (VmHWM) of the primary and each worker so far, in MB. */
  peakMemoryMb(): number[];
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node server.js` on loopback against the database at `databaseUrl`, resolved once it answers. */
export async function startServer(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
  /** The checkout whose build and server.js to run; the current folder by default. */
  cwd?: string,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ["server.js"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    // Request lines are written, so their cost is in the figures, but not shown: thousands a second would bury the table.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(origin, child);
  return {
    origin,
    pid: child.pid!,
    peakMemoryMb: () => [child.pid!, ...childProcessIds(child.pid!)].map(peakResidentMb),
    async stop() {
      child.kill("SIGTERM");
      const [code, signal] = await once(child, "exit");
      return { code, signal };
    },
  };
}

async function waitUntilAnswering(origin: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/about`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("server did not answer within 20 s");
}

function peakResidentMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Math.round(Number(kb) / 1024);
}
