import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { secondsUntil, windowFullUntil } from "~/models/rate-limits.server";

// Failures live in the database, not in memory, so every server process sees the same counts. An unknown device is
// limited per address and per account; a device that has logged in to the account before (app/auth/known-devices)
// only per device, so its owner gets in however many wrong passwords come from elsewhere, and a copied device
// cookie still cannot guess faster than an unknown device may.
const PER_ADDRESS = { maxFailures: 5, windowMs: 60_000 };
const PER_ACCOUNT = { maxFailures: 20, windowMs: 60 * 60_000 };
const PER_DEVICE = { maxFailures: 20, windowMs: 60 * 60_000 };

const LONGEST_WINDOW_MS = Math.max(PER_ADDRESS.windowMs, PER_ACCOUNT.windowMs, PER_DEVICE.windowMs);

export interface LoginAttempt {
  ip: string;
  username: string;
  /** The token hash of a device recognised for this account (recognisedDevice), else null. */
  device: string | null;
}

interface Limit {
  column: "ip" | "username" | "device";
  value: string;
  maxFailures: number;
  windowMs: number;
}

/** The limits an attempt falls under; an unknown device's count leaves out known devices' failures. */
function limitsOf(attempt: LoginAttempt): Limit[] {
  if (attempt.device !== null) return [{ column: "device", value: attempt.device, ...PER_DEVICE }];
  return [
    { column: "ip", value: attempt.ip, ...PER_ADDRESS },
    { column: "username", value: attempt.username, ...PER_ACCOUNT },
  ];
}

export type LoginAttemptStart = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Records the attempt as a failure before its password is checked, then counts the failures including it. Recorded
 * first, every attempt is visible to any attempt counted after it, in any process: of many concurrent attempts at
 * most `maxFailures` find themselves within a limit, where checking first would let them all through while their
 * passwords are hashed. A refused attempt is not kept; a successful one is forgotten by finishSuccessfulLogin.
 */
export async function startLoginAttempt(
  db: Kysely<Database>,
  attempt: LoginAttempt,
  now = Date.now(),
): Promise<LoginAttemptStart> {
  const { id } = await db
    .insertInto("login_failures")
    .values({ ip: attempt.ip, username: attempt.username, device: attempt.device, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const retryAfterSeconds = await secondsUntilAllowed(db, attempt, now);
  if (retryAfterSeconds === null) return { allowed: true, attemptId: id };
  await db.deleteFrom("login_failures").where("id", "=", id).execute();
  return { allowed: false, retryAfterSeconds };
}

/**
 * Seconds until the attempt's limits let it try again, or null when the attempt just recorded may go on. A
 * limit holds while more than maxFailures attempts fall in its window, and lifts when the oldest of the last
 * maxFailures before this one leaves it.
 */
async function secondsUntilAllowed(db: Kysely<Database>, attempt: LoginAttempt, now: number): Promise<number | null> {
  let retryAt: number | null = null;
  for (const { column, value, maxFailures, windowMs } of limitsOf(attempt)) {
    const fullUntil = await windowFullUntil(
      db
        .selectFrom("login_failures")
        .where(column, "=", value)
        .$if(column !== "device", (query) => query.where("device", "is", null)),
      { max: maxFailures, windowMs },
      0,
      now,
    );
    if (fullUntil !== null) retryAt = Math.max(retryAt ?? 0, fullUntil);
  }
  return retryAt === null ? null : secondsUntil(retryAt, now);
}

/** A successful attempt is no failure; failures no limit counts any more go with it, so the table stays small. */
export async function finishSuccessfulLogin(db: Kysely<Database>, attemptId: number, now = Date.now()): Promise<void> {
  await db
    .deleteFrom("login_failures")
    .where((eb) => eb.or([eb("id", "=", attemptId), eb("created_at", "<=", now - LONGEST_WINDOW_MS)]))
    .execute();
}
