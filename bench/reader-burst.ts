import { randomBytes } from "node:crypto";

// A human reader's browser: the app counts no views from bots.
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

/** Reader cookie ids as the app hands them out, one per first-time reader. */
export function newReaderIds(count: number): string[] {
  return Array.from({ length: count }, () => randomBytes(16).toString("base64url"));
}

export interface BurstResult {
  /** Each reader's response status, in the order of `readerIds`. */
  statuses: number[];
  /** From sending the first request to the last answer arriving. */
  elapsedMs: number;
}

/**
 * Every reader asks for the post at once. The requests ask for the post's loader data (`.data`, what a client-side
 * navigation fetches): the same loader and view counting as the document, without rendering thousands of pages.
 */
export async function readAllAtOnce(origin: string, postPath: string, readerIds: string[]): Promise<BurstResult> {
  const started = performance.now();
  const statuses = await Promise.all(
    readerIds.map(async (id) => {
      const response = await fetch(`${origin}${postPath}.data`, {
        headers: { cookie: `madang_reader=${id}`, "user-agent": READER_UA },
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return { statuses, elapsedMs: performance.now() - started };
}
