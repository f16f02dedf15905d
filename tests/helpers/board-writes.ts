import { randomUUID } from "node:crypto";

/** A write's HTTP status, or NO_ANSWER when its connection broke before any status came back. */
export const NO_ANSWER = "no answer";
/** A write still waiting when the test gave up on it: its connection open, never answered, never refused. */
export const LEFT_HANGING = "left hanging";
export type WriteOutcome = number | typeof NO_ANSWER | typeof LEFT_HANGING;

/** A comment on the post, a reply in its thread, or a new post on its board. */
export type WriteKind = "comment" | "reply" | "post";

export interface BoardWrite {
  kind: WriteKind;
  /** Unique text that finds the write in the database: the comment's body, or the post's title. */
  text: string;
  outcome: WriteOutcome;
}

/** Where a member writes: a post with one comment thread, on a board with a category members may use. */
export interface WriteTarget {
  baseUrl: string;
  cookie: string;
  boardSlug: string;
  category: string;
  postId: number;
  threadId: number;
}

/** The body of the post titled `title`: Markdown, so a stored post shows whether its HTML was rendered. */
export function postBodyFor(title: string): string {
  return `**${title}** 본문`;
}

/** Posts a form as the member's browser would (same Origin, session cookie), each on a connection of its own. */
async function postForm(
  target: WriteTarget,
  path: string,
  fields: Record<string, string>,
  giveUp?: AbortSignal,
): Promise<{ outcome: WriteOutcome; location: string | null }> {
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      // A connection per write, as from many browsers: the primary deals them to its workers in turn.
      headers: { Origin: target.baseUrl, Cookie: target.cookie, Connection: "close" },
      body: new URLSearchParams(fields),
      signal: giveUp,
    });
  } catch (error) {
    if (giveUp?.aborted) return { outcome: LEFT_HANGING, location: null };
    if (error instanceof TypeError && error.message === "fetch failed") return { outcome: NO_ANSWER, location: null };
    throw error;
  }
  // The status is the answer; a body cut off by the crash changes nothing about it.
  await response.arrayBuffer().catch(() => undefined);
  return { outcome: response.status, location: response.headers.get("location") };
}

/** The id a 303's Location names with `pattern`, failing the test for any other answer. */
function idFrom(answer: { outcome: WriteOutcome; location: string | null }, pattern: RegExp): number {
  const match = answer.outcome === 303 ? pattern.exec(answer.location ?? "") : null;
  if (!match) throw new Error(`expected a 303 to ${pattern}, got ${answer.outcome} ${answer.location}`);
  return Number(match[1]);
}

/** A new post of the member's on `boardSlug`, with one comment starting a thread, both written through the server. */
export async function arrangeWriteTarget(target: Omit<WriteTarget, "postId" | "threadId">): Promise<WriteTarget> {
  const title = `crash-post-${randomUUID()}`;
  const post = await postForm({ ...target, postId: 0, threadId: 0 }, `/${target.boardSlug}/write`, {
    intent: "save",
    category: target.category,
    title,
    body: postBodyFor(title),
  });
  const postId = idFrom(post, /^\/[^/]+\/(\d+)$/);
  const thread = await postForm({ ...target, postId, threadId: 0 }, `/${target.boardSlug}/${postId}`, {
    intent: "comment",
    body: `crash-thread-${randomUUID()}`,
  });
  return { ...target, postId, threadId: idFrom(thread, /#comment-(\d+)$/) };
}

/** Writes one thing of `kind` with the unique `text`. */
async function write(target: WriteTarget, kind: WriteKind, text: string, giveUp?: AbortSignal): Promise<BoardWrite> {
  const { outcome } =
    kind === "post"
      ? await postForm(
          target,
          `/${target.boardSlug}/write`,
          { intent: "save", category: target.category, title: text, body: postBodyFor(text) },
          giveUp,
        )
      : await postForm(
          target,
          `/${target.boardSlug}/${target.postId}`,
          { intent: "comment", body: text, ...(kind === "reply" ? { parentId: String(target.threadId) } : {}) },
          giveUp,
        );
  return { kind, text, outcome };
}

/** Mostly comments and replies to the one post, and now and then a new post. */
function kindOfWrite(index: number): WriteKind {
  if (index % 8 === 7) return "post";
  return index % 2 === 0 ? "comment" : "reply";
}

/** Writes one after another, each of its kind, and what came back for each. */
export async function writeEach(target: WriteTarget, kinds: WriteKind[]): Promise<BoardWrite[]> {
  const writes: BoardWrite[] = [];
  for (const kind of kinds) writes.push(await write(target, kind, `crash-after-${randomUUID()}`));
  return writes;
}

/** A burst under way: what is not settled yet, and every write once all are. */
export interface Burst {
  /** Writes not yet answered, refused or given up on (those not started included). */
  unsettled(): number;
  /** Gives up on the writes still waiting (LEFT_HANGING), and resolves with every write once all are settled. */
  settled(): Promise<BoardWrite[]>;
}

/**
 * Starts `count` writes, `concurrency` at a time. Once `cutAfterAnswered` of them got their 303, `cut` runs, once,
 * while others are in flight; resolves then (fails if the burst ended uncut: too small to be cut in the middle).
 */
export async function cutBurst(
  target: WriteTarget,
  options: { count: number; concurrency: number; cutAfterAnswered: number; cut: () => void },
): Promise<Burst> {
  const { count, concurrency, cutAfterAnswered, cut } = options;
  const burst = randomUUID();
  const giveUp = new AbortController();
  const writes: BoardWrite[] = [];
  let next = 0;
  let answered = 0;
  let isCut = false;
  let wasCut!: () => void;
  const cutMade = new Promise<void>((resolve) => (wasCut = resolve));
  async function writer() {
    while (next < count) {
      const index = next++;
      const written = await write(target, kindOfWrite(index), `crash-burst-${burst}-${index}`, giveUp.signal);
      writes.push(written);
      if (written.outcome === 303 && ++answered === cutAfterAnswered) {
        isCut = true;
        cut();
        wasCut();
      }
    }
  }
  const all = Promise.all(Array.from({ length: concurrency }, writer)).then(() => writes);
  const uncut = all.then(() => {
    if (!isCut) throw new Error(`only ${answered} of ${count} writes got a 303; the burst was never cut`);
  });
  await Promise.race([cutMade, uncut]);
  return {
    unsettled: () => count - writes.length,
    settled() {
      giveUp.abort();
      return all;
    },
  };
}
