import { sql, type SelectQueryBuilder } from "kysely";

/**
 * The posting limits, each a named setting: how many items a member may write in a window, how long the same body
 * may not be sent again, how many accounts one address may open. `RATE_LIMITS=off` turns them all off for load
 * tests and test servers; login throttling (app/auth/login-throttle.server.ts) is not among them and always holds.
 */

export interface CountLimit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** New posts per member. */
  posts: CountLimit;
  /** New comments and replies per member. */
  comments: CountLimit;
  /** Accounts younger than this get half of the post and comment limits. */
  youngAccountMs: number;
  /** The same body sent again by one member within this time is refused as 도배. */
  duplicateWindowMs: number;
  /** New accounts per client address. */
  signupsPerAddress: CountLimit;
  /** Images each member may upload, by the editor or with a form. */
  uploads: CountLimit;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  posts: { max: 5, windowMs: 10 * MINUTE_MS },
  comments: { max: 10, windowMs: MINUTE_MS },
  youngAccountMs: 24 * HOUR_MS,
  duplicateWindowMs: 10 * MINUTE_MS,
  signupsPerAddress: { max: 5, windowMs: HOUR_MS },
  uploads: { max: 100, windowMs: HOUR_MS },
};

/** The limits in force, read at each write so a test can switch them; null when `RATE_LIMITS=off`. */
export function currentRateLimits(env: NodeJS.ProcessEnv = process.env): RateLimits | null {
  return env.RATE_LIMITS === "off" ? null : DEFAULT_RATE_LIMITS;
}

/** A young account's share of a limit: half, rounded down, and never below one. */
export function halved(limit: CountLimit): CountLimit {
  return { max: Math.max(1, Math.floor(limit.max / 2)), windowMs: limit.windowMs };
}

/** Seconds from now until `retryAt`, at least one, as Retry-After wants them. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(1, Math.ceil((retryAt - now) / 1000));
}

const createdAt = sql.ref<number>("created_at");

/**
 * When a window that holds `limit.max` events has room for `adding` more: the time the event that must leave first
 * does (it is the one `limit.max - adding` places behind the newest), or null when there is room now. `events`
 * selects the rows counted, one member's or one address's, from a table with a `created_at` column.
 */
export async function windowFullUntil<DB, TB extends keyof DB>(
  events: SelectQueryBuilder<DB, TB, object>,
  limit: CountLimit,
  adding: number,
  now: number,
): Promise<number | null> {
  const blocking = await events
    .select(createdAt.as("created_at"))
    // TypeScript cannot see through the generic row type that the column just selected is there.
    .$castTo<{ created_at: number }>()
    .where(createdAt, ">", now - limit.windowMs)
    .orderBy(createdAt, "desc")
    .offset(Math.max(0, limit.max - adding))
    .limit(1)
    .executeTakeFirst();
  return blocking ? blocking.created_at + limit.windowMs : null;
}
