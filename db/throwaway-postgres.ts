import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { DEBIAN_PG_ROOT, installedPostgresTools } from "./postgres-tools";

const HOST = "127.0.0.1";

export interface PostgresServer {
  /** A URL for the server's `postgres` maintenance database, as a superuser. */
  adminUrl: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** A throwaway server, which a test may also shut down and start again, its data kept, as an outage would. */
export interface ThrowawayPostgres extends PostgresServer {
  /** `pg_ctl stop -m fast`: clients are disconnected, new connections refused. */
  shutDown(): Promise<void>;
  /** Starts it again on the same port and data. */
  startAgain(): Promise<void>;
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The newest installed server's bin folder. */
function findPostgresBin(): string {
  const newest = installedPostgresTools("initdb").at(-1);
  if (!newest) {
    throw new Error(
      `PostgreSQL is needed here and ${DEBIAN_PG_ROOT}/*/bin/initdb is missing: ` +
        "install it with `apt-get install -y postgresql`, or (for the tests) set DATABASE_TEST_URL to a running server's URL.",
    );
  }
  return dirname(newest.path);
}

/** A port nothing listens on now, on 127.0.0.1; the browser tests start their app servers on such ports too. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The server refuses to run as root, so as root its tools run as the `postgres` user. */
async function runAsPostgres(command: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  try {
    await promisify(execFile)(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args);
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

/**
 * Settings for a cluster whose data dies with the run anyway (tests): no syncing at all. A bench cluster keeps
 * fsync and only stops waiting for it at each commit, as SQLite's synchronous=NORMAL under WAL does.
 */
const DISPOSABLE_SETTINGS = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"];
const BENCH_SETTINGS = ["synchronous_commit=off", "shared_buffers=1GB"];

/**
 * A throwaway cluster in a temporary folder, on a free port on 127.0.0.1 only, removed by `stop()`. Throws, with
 * the server's log, when it cannot start.
 */
export async function startThrowawayPostgres({
  forBench = false,
}: { forBench?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(`${tmpdir()}/madang-pg-`);
  if (process.getuid?.() === 0) {
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
  }
  const dataDir = `${dir}/data`;
  const logFile = `${dir}/server.log`;
  const port = await findFreePort();
  await runAsPostgres(`${bin}/initdb`, [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  const options = [
    `-p ${port}`,
    `-c listen_addresses=${HOST}`,
    `-c unix_socket_directories=${dir}`,
    ...(forBench ? BENCH_SETTINGS : DISPOSABLE_SETTINGS).map((setting) => `-c ${setting}`),
  ].join(" ");
  const start = async () => {
    try {
      await runAsPostgres(`${bin}/pg_ctl`, ["start", "-w", "-D", dataDir, "-l", logFile, "-o", options]);
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
      throw new Error(`The throwaway PostgreSQL did not start:\n${log}`, { cause: error });
    }
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    adminUrl: `postgres://postgres@${HOST}:${port}/postgres`,
    async stop() {
      await runAsPostgres(`${bin}/pg_ctl`, ["stop", "-D", dataDir, "-m", "immediate"]);
      rmSync(dir, { recursive: true, force: true });
    },
    shutDown: () => runAsPostgres(`${bin}/pg_ctl`, ["stop", "-w", "-D", dataDir, "-m", "fast"]),
    startAgain: start,
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await promisify(execFile)("id", ["postgres"]);
  const [, uid, gid] = /uid=(\d+).*gid=(\d+)/.exec(stdout) ?? [];
  if (!uid) throw new Error("No `postgres` user: install the `postgresql` package.");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs statements on the server's maintenance database, on a connection of their own. */
export async function onServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
