import { REPO_ROOT } from "../paths";
import type { FuzzCase } from "./cases";

/**
 * What must never reach a user: stack frames, error class names, source paths, Remix's and the database's own
 * messages. The fuzzer's own values never contain any of these (see values.ts), so one in a response body came
 * from the server, not from an echo of the request or of something stored earlier.
 */
const INTERNAL_DETAILS: readonly RegExp[] = [
  // A stack frame, "at fn (/path/file.js:12:34)" or "at file:///path/file.js:12:34". Every pattern here runs in
  // linear time: bodies can be megabytes of one character.
  /\bat (?:async )?(?:[^\s()]+ )?\(?(?:file:|node:|\/)[^\s()]*:\d+:\d+/,
  /Error:/,
  /node_modules/,
  /file:\/\//,
  new RegExp(REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/$/, "")),
  /You made a \w+ request/,
  /No route matches/,
  /did not provide/i,
  /SQLITE_|UNIQUE constraint|FOREIGN KEY constraint|CHECK constraint|syntax error at|violates|does not exist/,
  /ZodError|invalid_type|kysely/i,
];

export function mentionsInternals(text: string): boolean {
  return INTERNAL_DETAILS.some((pattern) => pattern.test(text));
}

/** The internal details a body shows, by the pattern that found each, with a little context. */
function internalDetailsIn(body: string): string[] {
  return INTERNAL_DETAILS.flatMap((pattern) => {
    const match = pattern.exec(body);
    if (!match) return [];
    return [`${pattern}: …${body.slice(Math.max(0, match.index - 60), match.index + 120)}…`];
  });
}

/** Per table, its row count and the sums of its ids and counters (db/copy.ts's tableTotals), as "table.what" keys. */
export type Fingerprint = Record<string, number>;

export interface Outcome {
  status: number;
  body: string;
  /** The database before and after the request. */
  before: Fingerprint;
  after: Fingerprint;
  /** Fingerprint keys, or their prefixes, that a refusal of this request may still change (a refused login records its failure). */
  bookkeeping: readonly string[];
}

/**
 * What a refused request may still write, as fingerprint keys or their prefixes: a refused login (or password change
 * with a wrong current password) records its failure for the login throttle; a refused sign-up records its address
 * for the sign-up limit before counting it, then forgets it (and prunes addresses the limit no longer counts); a form
 * refused on a post page is answered with the post page itself, which may make the key of the reader cookie it gives
 * (once per database; the page counts no view). SQLite's write counter sees them all.
 */
export function bookkeepingOf(c: FuzzCase): string[] {
  if (c.target === "routes/login" || c.target === "routes/settings.password") return ["login_failures.", "sqlite."];
  if (c.target === "routes/signup") return ["signup_addresses.", "sqlite."];
  if (c.target === "routes/$board.$postId" && c.variant === "document") return ["server_secrets.", "sqlite."];
  return [];
}

/**
 * What is wrong with the server's answer to one fuzzed request, empty when nothing is: the property the fuzz tests
 * check. A 5xx is wrong, internal details in the body are wrong, and a refusal (4xx) must leave the database as it was.
 */
export function problemsWith({ status, body, before, after, bookkeeping }: Outcome): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`status ${status}`);
  problems.push(...internalDetailsIn(body).map((detail) => `internal detail in the body: ${detail}`));
  if (status >= 400 && status < 500) {
    for (const [what, value] of Object.entries(after)) {
      if (bookkeeping.some((allowed) => what.startsWith(allowed))) continue;
      if (before[what] !== value) problems.push(`refused (${status}) but wrote: ${what} ${before[what]} → ${value}`);
    }
  }
  return problems;
}
