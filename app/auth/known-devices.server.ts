/**
 * Known devices: a browser that logged in to an account carries a random token in the `madang_device` cookie, and
 * the database keeps the token's SHA-256 beside each account it logged in to. The login throttle counts a known
 * device's failures per device instead of per account, so a flood of wrong passwords from elsewhere cannot lock the
 * owner out. Why a stored token rather than a signed value: docs/decisions/013-known-devices.md.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/types";
import { cookieHeader, readCookie } from "~/lib/cookies";

export const DEVICE_COOKIE = "madang_device";
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const DEVICE_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The device token the request carries, if it is shaped like one; whether it is known is for the database. */
export function deviceTokenOf(request: Request): string | null {
  const token = readCookie(request, DEVICE_COOKIE);
  return token !== null && DEVICE_TOKEN_SHAPE.test(token) ? token : null;
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** The token's hash when this device has logged in to the account named `username` before, else null. */
export async function recognisedDevice(
  db: Kysely<Database>,
  token: string | null,
  username: string,
  now = Date.now(),
): Promise<string | null> {
  if (token === null) return null;
  const hash = tokenHash(token);
  const known = await db
    .selectFrom("known_devices")
    .innerJoin("users", "users.id", "known_devices.user_id")
    .select("known_devices.token_hash")
    .where("known_devices.token_hash", "=", hash)
    .where("users.username", "=", username)
    .where("known_devices.created_at", ">", now - DEVICE_COOKIE_MAX_AGE_S * 1000)
    .executeTakeFirst();
  return known ? hash : null;
}

/**
 * After a successful login: the device gets a new token, known to this account and to every account its previous
 * token was known to, and the previous token is forgotten (a copy of an old cookie stops counting as this device).
 * Returns the Set-Cookie value, `Secure` for an https request. Tokens older than the cookie's life are dropped on the
 * way.
 */
export async function rememberDevice(
  db: Kysely<Database>,
  userId: number,
  previousToken: string | null,
  secure: boolean,
  now = Date.now(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const hash = tokenHash(token);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("known_devices")
      .where("created_at", "<=", now - DEVICE_COOKIE_MAX_AGE_S * 1000)
      .execute();
    if (previousToken !== null) {
      await trx
        .updateTable("known_devices")
        .set({ token_hash: hash, created_at: now })
        .where("token_hash", "=", tokenHash(previousToken))
        .execute();
    }
    await trx
      .insertInto("known_devices")
      .values({ token_hash: hash, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(["token_hash", "user_id"]).doNothing())
      .execute();
  });
  return cookieHeader(DEVICE_COOKIE, token, DEVICE_COOKIE_MAX_AGE_S, { secure });
}

/** With a password change: every device but the one making the change must log in again to be known. */
export async function forgetOtherDevices(
  trx: Transaction<Database>,
  userId: number,
  keptToken: string | null,
): Promise<void> {
  let forgotten = trx.deleteFrom("known_devices").where("user_id", "=", userId);
  if (keptToken !== null) forgotten = forgotten.where("token_hash", "!=", tokenHash(keptToken));
  await forgotten.execute();
}
