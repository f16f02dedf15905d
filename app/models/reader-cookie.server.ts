/**
 * The `madang_reader` cookie: a random reader id and its HMAC, so that only ids this board issued count as readers.
 * A forged, unsigned or malformed value is treated as no cookie at all. The key is READER_COOKIE_SECRET when set,
 * else a random one made by the first process that needs it and kept in `server_secrets`, so every process and app
 * server signs and checks with the same key. Why: docs/decisions/024-views-from-the-page.md.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { cookieHeader, readCookie } from "~/lib/cookies";
import { isHttpsRequest } from "~/lib/trusted-proxies.server";

export const READER_COOKIE = "madang_reader";

const READER_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const SECRET_NAME = "reader_cookie";
const MIN_SECRET_LENGTH = 32;
// 16 random bytes and a 16-byte tag, base64url: `<22 characters>.<22 characters>`.
const SIGNED_READER_ID = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
const TAG_BYTES = 16;

/** READER_COOKIE_SECRET, checked once at start-up by server.js; null when unset (the shared generated key is used). */
export function configuredReaderSecret(value = process.env.READER_COOKIE_SECRET): string | null {
  if (value === undefined || value === "") return null;
  if (value.length < MIN_SECRET_LENGTH) {
    throw new Error(`READER_COOKIE_SECRET must be at least ${MIN_SECRET_LENGTH} characters (random, kept secret).`);
  }
  return value;
}

const secrets = new WeakMap<Kysely<Database>, Promise<string>>();

/** The signing key, read once per process (per database). */
export function readerSecret(db: Kysely<Database>): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    const configured = configuredReaderSecret();
    secret = configured === null ? sharedGeneratedSecret(db) : Promise.resolve(configured);
    // A failed read (the database away) is tried again by the next request.
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

/** The key in `server_secrets`: the first process to ask stores a random one, every later one reads it. */
async function sharedGeneratedSecret(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto("server_secrets")
    .values({ name: SECRET_NAME, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("server_secrets")
    .select("value")
    .where("name", "=", SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}

function tagOf(secret: string, readerId: string): Buffer {
  return createHmac("sha256", secret).update(`${READER_COOKIE}:${readerId}`).digest().subarray(0, TAG_BYTES);
}

/** The reader id of a validly signed cookie, else null. */
export async function signedReaderId(db: Kysely<Database>, request: Request): Promise<string | null> {
  const match = SIGNED_READER_ID.exec(readCookie(request, READER_COOKIE) ?? "");
  if (!match) return null;
  const [, readerId, tag] = match;
  const expected = tagOf(await readerSecret(db), readerId);
  const given = Buffer.from(tag, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? readerId : null;
}

/** A Set-Cookie value giving a new signed reader id, for a request without a valid one; null when it has one. */
export async function readerCookieToIssue(db: Kysely<Database>, request: Request): Promise<string | null> {
  if ((await signedReaderId(db, request)) !== null) return null;
  const readerId = randomBytes(16).toString("base64url");
  const tag = tagOf(await readerSecret(db), readerId).toString("base64url");
  return cookieHeader(READER_COOKIE, `${readerId}.${tag}`, READER_COOKIE_MAX_AGE_S, {
    secure: isHttpsRequest(request),
  });
}

/** An HMAC of a client address under the same key: stored in place of the address, and not reversible by trying all. */
export async function addressDigest(db: Kysely<Database>, address: string): Promise<string> {
  return createHmac("sha256", await readerSecret(db))
    .update(`address:${address}`)
    .digest("base64url");
}
