/**
 * Honest view counts: once per reader per post per 24 hours. The post page's loader (app/routes/$board.$postId.tsx)
 * calls countPostView after loading the post, shows `viewCount + 1` when the view counted, and passes `setCookie` on.
 *
 * A reader is the logged-in member (`u:<id>`), else the first-party `madang_reader` cookie (`c:<id>`), else, when the
 * request carries no usable cookie, a hash of address and User-Agent (`h:<hash>`). A cookieless request also gets a
 * fresh cookie; when its view counts, it is recorded under the cookie too, so the reader's next request (now with the
 * cookie) is the same reader, while a client refusing cookies adds no rows beyond its one hash row. Not counted: the
 * author, bots (isbot), browser prefetches, and loader re-runs on the page already shown (Remix revalidation after an
 * action, the redirect after a form post) — those send a same-origin Referer whose path is the post itself.
 * Why it is done this way: docs/decisions/006-honest-view-counts.md.
 */
import { createHash, randomBytes } from "node:crypto";
import { isbot } from "isbot";
import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { cookieHeader, readCookie } from "~/lib/cookies";
import { isHttpsRequest } from "~/lib/trusted-proxies.server";

export const READER_COOKIE = "madang_reader";
export const VIEW_WINDOW_MS = 24 * 60 * 60 * 1000;

const READER_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
const READER_ID_SHAPE = /^[A-Za-z0-9_-]{22}$/;
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 2_000;

export interface PostViewInput {
  postId: number;
  authorId: number;
  readerUserId: number | null;
  request: Request;
  clientAddress?: string;
  now?: number;
}

export interface PostViewResult {
  counted: boolean;
  /** A Set-Cookie header value for a reader who had no reader cookie yet, else null. */
  setCookie: string | null;
}

interface Reader {
  key: string;
  /** Recorded with a counted view so the reader is recognized by the cookie it was just given. */
  aliasKey: string | null;
  setCookie: string | null;
}

export async function countPostView(db: Kysely<Database>, input: PostViewInput): Promise<PostViewResult> {
  const { request } = input;
  if (input.readerUserId !== null && input.readerUserId === input.authorId) return { counted: false, setCookie: null };
  if (isbot(request.headers.get("user-agent") ?? "") || isPrefetch(request) || isRerunOfShownPage(request)) {
    return { counted: false, setCookie: null };
  }
  const now = input.now ?? Date.now();
  const reader = identifyReader(input);
  const counted = await recordView(db, input.postId, reader, now);
  await pruneExpiredViewsPeriodically(db, now);
  return { counted, setCookie: reader.setCookie };
}

function identifyReader({ readerUserId, request, clientAddress }: PostViewInput): Reader {
  if (readerUserId !== null) return { key: `u:${readerUserId}`, aliasKey: null, setCookie: null };
  const cookieId = readCookie(request, READER_COOKIE);
  if (cookieId && READER_ID_SHAPE.test(cookieId)) return { key: `c:${cookieId}`, aliasKey: null, setCookie: null };
  const newId = randomBytes(16).toString("base64url");
  const addressAndAgent = `${clientAddress ?? ""}\n${request.headers.get("user-agent") ?? ""}`;
  return {
    key: `h:${createHash("sha256").update(addressAndAgent).digest("base64url")}`,
    aliasKey: `c:${newId}`,
    setCookie: cookieHeader(READER_COOKIE, newId, READER_COOKIE_MAX_AGE_S, { secure: isHttpsRequest(request) }),
  };
}

function isPrefetch(request: Request): boolean {
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""} ${
    request.headers.get("x-purpose") ?? ""
  } ${request.headers.get("x-moz") ?? ""}`.toLowerCase();
  return purpose.includes("prefetch") || purpose.includes("preview");
}

/** The page already on screen asking for its own data again: revalidation after an action, or the post-redirect-get. */
function isRerunOfShownPage(request: Request): boolean {
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    const from = new URL(referer);
    const to = new URL(request.url);
    return from.origin === to.origin && from.pathname.replace(/\/$/, "") === to.pathname.replace(/\/$/, "");
  } catch {
    return false;
  }
}

/**
 * A view counts when the reader has no row for the post or the row is older than the window. The upsert is the
 * transaction's first statement, so SQLite takes the write lock right away (waiting on busy_timeout) instead of
 * failing with SQLITE_BUSY when another worker process wrote in between: concurrent views are never lost.
 */
async function recordView(db: Kysely<Database>, postId: number, reader: Reader, now: number): Promise<boolean> {
  const cutoff = now - VIEW_WINDOW_MS;
  const seen = await db
    .selectFrom("post_views")
    .select("viewed_at")
    .where("post_id", "=", postId)
    .where("reader_key", "=", reader.key)
    .executeTakeFirst();
  if (seen && seen.viewed_at >= cutoff) return false;

  return db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto("post_views")
      .values({ post_id: postId, reader_key: reader.key, viewed_at: now })
      .onConflict((oc) =>
        oc
          .columns(["post_id", "reader_key"])
          .doUpdateSet({ viewed_at: now })
          .where("post_views.viewed_at", "<", cutoff),
      )
      .returning("post_id")
      .executeTakeFirst();
    if (!fresh) return false;
    if (reader.aliasKey) {
      await trx
        .insertInto("post_views")
        .values({ post_id: postId, reader_key: reader.aliasKey, viewed_at: now })
        .onConflict((oc) => oc.columns(["post_id", "reader_key"]).doNothing())
        .execute();
    }
    await trx
      .updateTable("posts")
      .set((eb) => ({ view_count: eb("view_count", "+", 1) }))
      .where("id", "=", postId)
      .execute();
    return true;
  });
}

let lastPruneAt = 0;

/** Keeps the dedup table bounded: at most one small batch of expired rows per process per minute. */
async function pruneExpiredViewsPeriodically(db: Kysely<Database>, now: number): Promise<void> {
  if (now - lastPruneAt < PRUNE_EVERY_MS) return;
  lastPruneAt = now;
  await pruneExpiredViews(db, now);
}

/** Deletes up to `limit` dedup rows older than the window; returns how many. */
export async function pruneExpiredViews(db: Kysely<Database>, now: number, limit = PRUNE_BATCH): Promise<number> {
  const result = await db
    .deleteFrom("post_views")
    .where((eb) =>
      eb(
        eb.refTuple("post_id", "reader_key"),
        "in",
        eb
          .selectFrom("post_views")
          .select(["post_id", "reader_key"])
          .where("viewed_at", "<", now - VIEW_WINDOW_MS)
          .limit(limit)
          .$asTuple("post_id", "reader_key"),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
