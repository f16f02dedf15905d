import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { secondsUntil, windowFullUntil, type CountLimit } from "~/models/rate-limits.server";

export type SignupStart = { allowed: true; signupId: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-up from this address against the limit of new accounts per address. Like the login throttle, the
 * sign-up is recorded before it is counted, outside any transaction: every process then sees it at once, so of many
 * concurrent sign-ups from one address at most `max` find themselves within the limit. A refused one is not kept.
 */
export async function startSignup(
  db: Kysely<Database>,
  address: string,
  limit: CountLimit,
  now = Date.now(),
): Promise<SignupStart> {
  // Rows no limit counts any more go first, so the table holds about one window of sign-ups.
  await db
    .deleteFrom("signup_addresses")
    .where("created_at", "<=", now - limit.windowMs)
    .execute();
  const { id } = await db
    .insertInto("signup_addresses")
    .values({ address, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Recorded first, so this sign-up is among those counted: the window is full when there are already `max` others.
  const fullUntil = await windowFullUntil(
    db.selectFrom("signup_addresses").where("address", "=", address),
    limit,
    0,
    now,
  );
  if (fullUntil === null) return { allowed: true, signupId: id };
  await forgetSignup(db, id);
  return { allowed: false, retryAfterSeconds: secondsUntil(fullUntil, now) };
}

/** A sign-up that made no account (its name was taken) does not count. */
export async function forgetSignup(db: Kysely<Database>, signupId: number): Promise<void> {
  await db.deleteFrom("signup_addresses").where("id", "=", signupId).execute();
}
