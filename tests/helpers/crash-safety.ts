import type { Kysely } from "kysely";
import { onTestFinished } from "vitest";
import { checkBoard } from "#db/board-check";
import { withDatabase } from "#db/connection";
import type { Database } from "#db/types";
import { renderMarkdown } from "~/lib/markdown.server";
import { createUser, sessionCookieFor } from "../integration/support/board-fixtures";
import {
  arrangeWriteTarget,
  cutBurst,
  LEFT_HANGING,
  NO_ANSWER,
  postBodyFor,
  writeEach,
  type BoardWrite,
  type WriteTarget,
} from "./board-writes";
import { startServer, type RunningServer } from "./browser";
import { childProcessIds, isProcessRunning } from "../../bench/processes";

/** A fresh board (migrated and seeded) for one test, on one engine. */
export interface CrashTestDatabase {
  url: string;
  /**
   * What the engine itself finds wrong once the writes are over (SQLite's integrity and foreign key checks,
   * PostgreSQL's transactions left open by killed processes); empty when nothing is.
   */
  engineProblems(db: Kysely<Database>): Promise<string[]>;
  /** Fails the test unless the killed server left something for the next one to recover (SQLite: its WAL). */
  expectLeftToRecover?(): void;
}

// Workers per server, as the browser tier runs them; the burst is cut once a third of it is answered.
const WORKERS = 2;
const BURST = { count: 90, concurrency: 12, cutAfterAnswered: 30 };
const WAIT = { timeout: 30_000, interval: 50 };
// The replacement worker's first round of periodic jobs, or a HOT ranking refresh, each a few milliseconds long.
const ENGINE_SETTLED = { timeout: 10_000, interval: 100 };
// Two servers to start, and a burst, on a machine the whole suite keeps busy: typically 10 s.
const TEST_TIMEOUT_MS = 120_000;
const SQUARE = { boardSlug: "square", category: "info" };

/** The workers that logged a request so far (each request's JSON line names its worker). */
function workersThatServed(server: RunningServer): Set<unknown> {
  const lines = server
    .standardOutput()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string; worker?: unknown });
  return new Set(lines.filter((line) => line.msg === "request").map((line) => line.worker));
}

/**
 * `node server.js` on the database, once every worker has served a request (the primary starts the others only once
 * the first listens, and deals new connections to them in turn), stopped when the test ends however it ends (a
 * no-op once it was killed).
 */
async function startedServer(url: string): Promise<RunningServer> {
  // At LOG_LEVEL=info every request has its line, naming the worker that served it.
  const server = await startServer(url, { WEB_CONCURRENCY: String(WORKERS), LOG_LEVEL: "info" });
  onTestFinished(() => server.stop());
  await vi.waitUntil(async () => {
    await (await fetch(`${server.baseUrl}/about`, { headers: { Connection: "close" } })).arrayBuffer();
    return workersThatServed(server).size === WORKERS;
  }, WAIT);
  return server;
}

/** A member made straight in the database, with the session cookie their browser would hold. */
async function arrangeMember(url: string): Promise<{ id: number; cookie: string }> {
  return withDatabase(url, async (db) => {
    const id = await createUser(db, "crash_writer");
    return { id, cookie: await sessionCookieFor(db, id) };
  });
}

/** Each text at most once: a write the server did not answer may be stored, but never twice. */
function repeated(texts: string[]): string[] {
  return texts.filter((text, index) => texts.indexOf(text) !== index);
}

/** Comments pointing at no post, or at a parent missing or on another post. */
async function orphanComments(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom("comments as c")
    .leftJoin("posts as p", "p.id", "c.post_id")
    .leftJoin("comments as parent", "parent.id", "c.parent_id")
    .select("c.id")
    .where((eb) =>
      eb.or([
        eb("p.id", "is", null),
        eb.and([
          eb("c.parent_id", "is not", null),
          eb.or([eb("parent.id", "is", null), eb("parent.post_id", "<>", eb.ref("c.post_id"))]),
        ]),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Every write that got its 303 is stored, once and whole; one without an answer is stored whole or not at all;
 * nothing else is; every counter equals its rows; the engine finds nothing wrong; and the page shows the comments.
 */
async function expectWholeAndCounted(
  database: CrashTestDatabase,
  target: WriteTarget,
  memberId: number,
  writes: BoardWrite[],
): Promise<void> {
  // A dying worker breaks only its own connections: no other write gets an error page.
  expect(writes.filter((w) => w.outcome !== 303 && w.outcome !== NO_ANSWER && w.outcome !== LEFT_HANGING)).toEqual([]);
  const sent = new Map(writes.map((w) => [w.text, w]));
  const answered = writes.filter((w) => w.outcome === 303).map((w) => w.text);

  await withDatabase(database.url, async (db) => {
    const comments = await db
      .selectFrom("comments")
      .select(["body", "author_id", "parent_id", "deleted_at"])
      .where("post_id", "=", target.postId)
      .where("id", "<>", target.threadId)
      .orderBy("id")
      .execute();
    const posts = await db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .innerJoin("categories", "categories.id", "posts.category_id")
      .select([
        "posts.title",
        "posts.body_md",
        "posts.body_html",
        "boards.slug as board",
        "categories.slug as category",
        "posts.comment_count",
        "posts.deleted_at",
      ])
      .where("posts.author_id", "=", memberId)
      .where("posts.id", "<>", target.postId)
      .orderBy("posts.id")
      .execute();
    const stored = [...comments.map((c) => c.body), ...posts.map((p) => p.title)];
    expect(answered.filter((text) => !stored.includes(text))).toEqual([]);
    expect(stored.filter((text) => !sent.has(text))).toEqual([]);
    expect(repeated(stored)).toEqual([]);
    expect(comments).toEqual(
      comments.map(({ body }) => ({
        body,
        author_id: memberId,
        parent_id: sent.get(body)?.kind === "reply" ? target.threadId : null,
        deleted_at: null,
      })),
    );
    expect(posts).toEqual(
      posts.map(({ title }) => ({
        title,
        body_md: postBodyFor(title),
        body_html: renderMarkdown(postBodyFor(title)),
        board: target.boardSlug,
        category: target.category,
        comment_count: 0,
        deleted_at: null,
      })),
    );
    const post = await db
      .selectFrom("posts")
      .select("comment_count")
      .where("id", "=", target.postId)
      .executeTakeFirstOrThrow();
    // The thread's first comment, written before the burst, and every stored one.
    expect(post.comment_count).toBe(comments.length + 1);
    expect(await orphanComments(db)).toEqual([]);
    expect((await checkBoard(db)).problems).toEqual([]);
    await vi.waitFor(async () => expect(await database.engineProblems(db)).toEqual([]), ENGINE_SETTLED);
  });

  const page = await fetch(`${target.baseUrl}/${target.boardSlug}/${target.postId}?comments=5000`, {
    headers: { Cookie: target.cookie },
  });
  expect(page.status).toBe(200);
  const html = await page.text();
  const answeredComments = writes.filter((w) => w.outcome === 303 && w.kind !== "post").map((w) => w.text);
  expect(answeredComments.filter((text) => !html.includes(text))).toEqual([]);
}

/**
 * The crash tests for one engine: `node server.js` with two workers takes a burst of comment, reply and post writes
 * from a member, and is killed with SIGKILL in the middle of it, one worker or the whole server.
 */
export function describeCrashSafety(engine: string, newDatabase: () => Promise<CrashTestDatabase>): void {
  describe(`a server killed during a burst of writes, on ${engine}`, () => {
    it(
      "starts another worker when one is killed, and keeps every answered write, whole and counted",
      async () => {
        const database = await newDatabase();
        const member = await arrangeMember(database.url);
        const server = await startedServer(database.url);
        const target = await arrangeWriteTarget({ baseUrl: server.baseUrl, cookie: member.cookie, ...SQUARE });

        let killed = 0;
        const burst = await cutBurst(target, {
          ...BURST,
          cut() {
            [killed] = childProcessIds(server.pid);
            process.kill(killed, "SIGKILL");
          },
        });
        await vi.waitUntil(() => {
          const workers = childProcessIds(server.pid);
          return workers.length === WORKERS && !workers.includes(killed);
        }, WAIT);
        await vi.waitUntil(() => server.output().includes(`worker ${killed} died (SIGKILL); starting another`), WAIT);
        expect(server.isRunning()).toBe(true);
        const after = await writeEach(target, ["comment", "reply", "post", "comment", "reply", "comment"]);
        expect(after.map((w) => w.outcome)).toEqual([303, 303, 303, 303, 303, 303]);

        // Node's round-robin primary hands each connection to a worker and closes its own copy only once the worker
        // takes it: the one on its way to the killed worker stays open, unanswered, while the primary runs.
        await vi.waitUntil(() => burst.unsettled() <= 1, WAIT);
        const writes = await burst.settled();
        await expectWholeAndCounted(database, target, member.id, [...writes, ...after]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "keeps every answered write, whole and counted, when the whole server is killed and started again",
      async () => {
        const database = await newDatabase();
        const member = await arrangeMember(database.url);
        const first = await startedServer(database.url);
        const target = await arrangeWriteTarget({ baseUrl: first.baseUrl, cookie: member.cookie, ...SQUARE });

        let killed: number[] = [];
        // What `kill -KILL -<group>` does (the server shares the test runner's group, so one process at a time): the
        // primary first, so that it cannot start a worker to replace a killed one.
        const burst = await cutBurst(target, {
          ...BURST,
          cut() {
            killed = [first.pid, ...childProcessIds(first.pid)];
            for (const pid of killed) process.kill(pid, "SIGKILL");
          },
        });
        expect(killed).toHaveLength(1 + WORKERS);
        await vi.waitUntil(() => !killed.some(isProcessRunning), WAIT);
        database.expectLeftToRecover?.();

        const second = await startedServer(database.url);
        const restarted = { ...target, baseUrl: second.baseUrl };
        const after = await writeEach(restarted, ["comment", "reply", "post", "comment"]);
        expect(after.map((w) => w.outcome)).toEqual([303, 303, 303, 303]);

        // With the primary gone, every connection it held is closed: none is left waiting.
        await vi.waitUntil(() => burst.unsettled() === 0, WAIT);
        const writes = await burst.settled();
        await expectWholeAndCounted(database, restarted, member.id, [...writes, ...after]);
      },
      TEST_TIMEOUT_MS,
    );
  });
}
