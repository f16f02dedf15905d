import { Agent, request as httpRequest } from "node:http";
import { withDatabase } from "#db/connection";
import { benchDatabaseUrl, prepareFixtures } from "./fixtures";
import { startServer } from "./server-process";

// A human reader's browser: the app counts no views from bots.
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
const READER_COOKIE = "madang_reader";
const RETURNING_SHARE = 0.2;

/** One reader's browser: the reader cookie it keeps, none before its first page. */
export interface Reader {
  cookie: string | null;
}

export function newReaders(count: number): Reader[] {
  return Array.from({ length: count }, () => ({ cookie: null }));
}

export interface BurstResult {
  /** Each reader's outcome: the page's status, or the view image's when the page was answered with 200. */
  statuses: number[];
  /** From sending the first request to the last answer arriving. */
  elapsedMs: number;
  /** The longest one reader waited for its page, and for its page and then its view image. */
  slowestPageMs: number;
  slowestReaderMs: number;
}

/** One GET on the reader's own connection: its status and Set-Cookie headers, once the whole body has arrived. */
function get(agent: Agent, url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; setCookie: string[] }>((resolve, reject) => {
    const sent = httpRequest(url, { agent, headers: { "accept-encoding": "gzip", ...headers } }, (response) => {
      response.on("data", () => {});
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [] }),
      );
      response.on("error", reject);
    });
    sent.on("error", reject);
    sent.end();
  });
}

/**
 * What a browser does to show a post: on a connection of its own, it asks for the page (with the reader cookie it
 * keeps, if any), keeps the cookie the page sets, and loads the page's view image (/<board>/<id>/view) on the same
 * connection, which counts the view.
 */
async function readLikeABrowser(origin: string, postPath: string, reader: Reader) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const began = performance.now();
  const cookie = (): Record<string, string> => (reader.cookie ? { cookie: reader.cookie } : {});
  try {
    const page = await get(agent, `${origin}${postPath}`, { "user-agent": READER_UA, ...cookie() }).catch(
      (error: Error) => {
        throw new Error(`page: ${error.message}`);
      },
    );
    const pageMs = performance.now() - began;
    const given = page.setCookie.find((value) => value.startsWith(`${READER_COOKIE}=`));
    if (given) reader.cookie = given.split(";")[0];
    if (page.status !== 200) return { status: page.status, pageMs, readerMs: pageMs };
    const viewHeaders = {
      "user-agent": READER_UA,
      "sec-fetch-site": "same-origin",
      referer: `${origin}${postPath}`,
      ...cookie(),
    };
    // A browser sends a request again, on a new connection, when the server closed the kept-alive one it reused.
    const view = await get(agent, `${origin}${postPath}/view`, viewHeaders).catch((error: Error) => {
      console.error(`  a view request on a kept-alive connection failed (${error.message}); sent again`);
      return get(new Agent(), `${origin}${postPath}/view`, viewHeaders);
    });
    return { status: view.status, pageMs, readerMs: performance.now() - began };
  } finally {
    agent.destroy();
  }
}

/** Every reader opens the post at once, as a browser does (readLikeABrowser). */
export async function readAllAtOnce(origin: string, postPath: string, readers: Reader[]): Promise<BurstResult> {
  const started = performance.now();
  const outcomes = await Promise.all(
    readers.map((reader) =>
      readLikeABrowser(origin, postPath, reader).catch((error: Error) => {
        console.error(`  a reader's page request failed: ${error.message}`);
        const ms = performance.now() - started;
        return { status: 0, pageMs: ms, readerMs: ms };
      }),
    ),
  );
  return {
    statuses: outcomes.map((outcome) => outcome.status),
    elapsedMs: performance.now() - started,
    slowestPageMs: Math.max(...outcomes.map((outcome) => outcome.pageMs)),
    slowestReaderMs: Math.max(...outcomes.map((outcome) => outcome.readerMs)),
  };
}

async function storedViewCount(database: string, postId: number): Promise<number> {
  return withDatabase(benchDatabaseUrl(database), async (db) => {
    const row = await db.selectFrom("posts").select("view_count").where("id", "=", postId).executeTakeFirstOrThrow();
    return row.view_count;
  });
}

/** Prints one round and says whether the count moved by exactly what it should. */
function report(label: string, burst: BurstResult, added: number, expectedAdded: number): boolean {
  const failed = burst.statuses.filter((status) => status !== 200).length;
  const exact = added === expectedAdded && failed === 0;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `  ${label.padEnd(20)} ${String(burst.statuses.length).padStart(6)} readers  view_count +${added} ` +
      `(expected +${expectedAdded}, ${exact ? "exact" : "NOT EXACT"})  failed ${failed}  ` +
      `slowest page ${seconds(burst.slowestPageMs)}, slowest page + view ${seconds(burst.slowestReaderMs)}`,
  );
  return exact;
}

export interface BurstOutcome {
  exact: boolean;
  first: BurstResult;
}

/**
 * Starts the production server on `database` and sends `readers` first-time readers to one post at once, then a
 * fifth of them again (with their cookies): the count must rise by exactly `readers`, then not at all.
 */
export async function runBurst(
  database: string,
  { readers, port, env = {} }: { readers: number; port: number; env?: Record<string, string> },
): Promise<BurstOutcome> {
  const { postPath } = await prepareFixtures(database, 1);
  const postId = Number(postPath.split("/").at(-1));
  const server = await startServer(benchDatabaseUrl(database), port, env);
  console.log(`${readers} first-time readers at once on ${postPath} (page, then its view image)`);
  try {
    const everyone = newReaders(readers);
    const before = await storedViewCount(database, postId);
    const first = await readAllAtOnce(server.origin, postPath, everyone);
    const afterFirst = await storedViewCount(database, postId);
    const second = await readAllAtOnce(
      server.origin,
      postPath,
      everyone.slice(0, Math.round(readers * RETURNING_SHARE)),
    );
    const afterSecond = await storedViewCount(database, postId);
    const exact = [
      report("first-time readers", first, afterFirst - before, readers),
      report("returning readers", second, afterSecond - afterFirst, 0),
    ].every(Boolean);
    return { exact, first };
  } finally {
    await server.stop();
  }
}
