/**
 * Honest view counts. A view is counted by the tiny request the post page itself makes (`/<board>/<id>/view`, an
 * image: app/routes/$board.$postId.view.ts), never by the page's loader, so the page is the same for every reader
 * and may be shared from a cache, and a loader re-run (revalidation after a comment) counts nothing.
 *
 * A reader is the logged-in member (`u:<id>`, once per post per 24 hours), else the signed `madang_reader` cookie the
 * page gave (`c:<id>`, the same), else, for a client that keeps no cookie (or sends a forged one), its address: at
 * most COOKIELESS_VIEWS_PER_DAY views per post per Korean day from one address. Not counted: bots (isbot), browser
 * prefetches and prerenders, requests another site makes, and the author, except on an anonymous post, where not
 * counting the author's view would tell who wrote it.
 * Why it is done this way: docs/decisions/024-views-from-the-page.md (and 006 for the dedup table).
 */
import { isbot } from "isbot";
import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { addressDigest, signedReaderId } from "./reader-cookie.server";
import { isLive } from "./post-queries.server";

export { READER_COOKIE, readerCookieToIssue } from "./reader-cookie.server";

export const VIEW_WINDOW_MS = 24 * 60 * 60 * 1000;
/** What one address without a reader cookie may add to a post in a day (the table's CHECK holds the same bound). */
export const COOKIELESS_VIEWS_PER_DAY = 30;

const KOREAN_TIME_OFFSET_MS = 9 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 2_000;

export interface PostViewInput {
  postId: number;
  readerUserId: number | null;
  request: Request;
  clientAddress: string;
  now?: number;
}

type Reader = { kind: "keyed"; key: string } | { kind: "address"; addressHash: string };

/** Counts the view `request` stands for when it should; says whether it did. */
export async function countPostView(db: Kysely<Database>, input: PostViewInput): Promise<boolean> {
  const { request } = input;
  if (isbot(request.headers.get("user-agent") ?? "") || isPrefetch(request) || isFromAnotherSite(request)) return false;
  const post = await db
    .selectFrom("posts")
    .select(["author_id", "is_anonymous"])
    .where("id", "=", input.postId)
    .where(isLive("posts"))
    .executeTakeFirst();
  if (!post) return false;
  if (input.readerUserId === post.author_id && post.is_anonymous === 0) return false;

  const now = input.now ?? Date.now();
  const reader = await identifyReader(db, input);
  const counted =
    reader.kind === "keyed"
      ? await recordKeyedView(db, input.postId, reader.key, now)
      : await recordAddressView(db, input.postId, reader.addressHash, now);
  await pruneExpiredViewsPeriodically(db, now);
  return counted;
}

async function identifyReader(db: Kysely<Database>, { readerUserId, request, clientAddress }: PostViewInput) {
  if (readerUserId !== null) return { kind: "keyed", key: `u:${readerUserId}` } satisfies Reader;
  const readerId = await signedReaderId(db, request);
  if (readerId !== null) return { kind: "keyed", key: `c:${readerId}` } satisfies Reader;
  return { kind: "address", addressHash: await addressDigest(db, clientAddress) } satisfies Reader;
}

function isPrefetch(request: Request): boolean {
  const purpose = `${request.headers.get("sec-purpose") ?? ""} ${request.headers.get("purpose") ?? ""} ${
    request.headers.get("x-purpose") ?? ""
  } ${request.headers.get("x-moz") ?? ""}`.toLowerCase();
  return purpose.includes("prefetch") || purpose.includes("preview");
}

/**
 * Another site showing the view image (an `<img>` pointing here) would add a view per visitor of its own: browsers
 * say where a request comes from in Sec-Fetch-Site, older ones in Referer. A client sending neither is no browser
 * showing someone else's page, and is counted (within the address limit when it keeps no cookie).
 */
function isFromAnotherSite(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite !== "same-origin";
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin !== new URL(request.url).origin;
  } catch {
    return true;
  }
}

/**
 * A view counts when the reader has no row for the post or the row is older than the window. The upsert is the
 * transaction's first statement, so SQLite takes the write lock right away (waiting for it, db/sqlite.ts) instead of
 * failing with SQLITE_BUSY when another worker process wrote in between: concurrent views are never lost.
 */
async function recordKeyedView(db: Kysely<Database>, postId: number, readerKey: string, now: number) {
  const cutoff = now - VIEW_WINDOW_MS;
  const seen = await db
    .selectFrom("post_views")
    .select("viewed_at")
    .where("post_id", "=", postId)
    .where("reader_key", "=", readerKey)
    .executeTakeFirst();
  if (seen && seen.viewed_at >= cutoff) return false;

  return db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto("post_views")
      .values({ post_id: postId, reader_key: readerKey, viewed_at: now })
      .onConflict((oc) =>
        oc
          .columns(["post_id", "reader_key"])
          .doUpdateSet({ viewed_at: now })
          .where("post_views.viewed_at", "<", cutoff),
      )
      .returning("post_id")
      .executeTakeFirst();
    if (fresh) await addView(trx, postId);
    return fresh !== undefined;
  });
}

/**
 * One upsert moves the address's count for the day unless it is at the limit, and returns a row only when it moved:
 * on PostgreSQL a concurrent upsert of the same row waits for this one and sees its count, on SQLite writers take
 * turns, so the limit holds exactly under concurrency.
 */
async function recordAddressView(db: Kysely<Database>, postId: number, addressHash: string, now: number) {
  const viewDay = koreanDay(now);
  return db.transaction().execute(async (trx) => {
    const moved = await trx
      .insertInto("post_address_views")
      .values({ post_id: postId, address_hash: addressHash, view_day: viewDay, views: 1 })
      .onConflict((oc) =>
        oc
          .columns(["post_id", "address_hash", "view_day"])
          .doUpdateSet((eb) => ({ views: eb("post_address_views.views", "+", 1) }))
          .where("post_address_views.views", "<", COOKIELESS_VIEWS_PER_DAY),
      )
      .returning("post_id")
      .executeTakeFirst();
    if (moved) await addView(trx, postId);
    return moved !== undefined;
  });
}

function addView(trx: Kysely<Database>, postId: number) {
  return trx
    .updateTable("posts")
    .set((eb) => ({ view_count: eb("view_count", "+", 1) }))
    .where("id", "=", postId)
    .execute();
}

/** Days counted in Korean time, so the address limit starts afresh at midnight where the readers are. */
export function koreanDay(now: number): number {
  return Math.floor((now + KOREAN_TIME_OFFSET_MS) / VIEW_WINDOW_MS);
}

let lastPruneAt = 0;

/** Keeps the dedup tables bounded: at most one small batch of expired rows each per process per minute. */
async function pruneExpiredViewsPeriodically(db: Kysely<Database>, now: number): Promise<void> {
  if (now - lastPruneAt < PRUNE_EVERY_MS) return;
  lastPruneAt = now;
  await pruneExpiredViews(db, now);
}

/** Deletes up to `limit` dedup rows older than the window and `limit` address counts of past days; returns how many. */
export async function pruneExpiredViews(db: Kysely<Database>, now: number, limit = PRUNE_BATCH): Promise<number> {
  const readers = await db
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
  const addresses = await db
    .deleteFrom("post_address_views")
    .where((eb) =>
      eb(
        eb.refTuple("post_id", "address_hash", "view_day"),
        "in",
        eb
          .selectFrom("post_address_views")
          .select(["post_id", "address_hash", "view_day"])
          .where("view_day", "<", koreanDay(now))
          .limit(limit)
          .$asTuple("post_id", "address_hash", "view_day"),
      ),
    )
    .executeTakeFirst();
  return Number(readers.numDeletedRows) + Number(addresses.numDeletedRows);
}
