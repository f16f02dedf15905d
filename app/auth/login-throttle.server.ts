import type { Kysely } from "kysely";
import type { Database } from "#db/types";

// Failures live in the database, not in memory, so every server process sees the same counts.
const LIMITS = [
  { column: "ip", maxFailures: 5, windowMs: 60_000 },
  { column: "username", maxFailures: 20, windowMs: 60 * 60_000 },
] as const;

const LONGEST_WINDOW_MS = Math.max(...LIMITS.map((limit) => limit.windowMs));

export interface LoginAttempt {
  ip: string;
  username: string;
}

/**
 * Seconds until this address and this account may try again, or null when they may now. A limit is lifted when its
 * oldest counted failure (the maxFailures-th most recent) leaves the window.
 */
export async function loginRetryAfterSeconds(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now = Date.now(),
): Promise<number | null> {
  let retryAt = 0;
  for (const { column, maxFailures, windowMs } of LIMITS) {
    const oldestCounted = await db
      .selectFrom("login_failures")
      .select("created_at")
      .where(column, "=", attempt[column])
      .where("created_at", ">", now - windowMs)
      .orderBy("created_at", "desc")
      .offset(maxFailures - 1)
      .limit(1)
      .executeTakeFirst();
    if (oldestCounted) retryAt = Math.max(retryAt, oldestCounted.created_at + windowMs);
  }
  return retryAt > now ? Math.ceil((retryAt - now) / 1000) : null;
}

export async function recordLoginFailure(db: Kysely<Database>, attempt: LoginAttempt, now = Date.now()): Promise<void> {
  await db
    .insertInto("login_failures")
    .values({ ip: attempt.ip, username: attempt.username, created_at: now })
    .execute();
}

/** Drops failures no limit counts any more; called at successful logins so the table stays small. */
export async function deleteStaleLoginFailures(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await db
    .deleteFrom("login_failures")
    .where("created_at", "<=", now - LONGEST_WINDOW_MS)
    .execute();
}
