import type { Transaction } from "kysely";
import { lockedForNoKeyUpdate } from "#db/engine";
import type { Database } from "#db/types";
import { isAdmin } from "./permissions";
import { halved, secondsUntil, windowFullUntil, type CountLimit, type RateLimits } from "./rate-limits.server";

/** Why a new post or comment was not written: too many too fast (429), or the same body again (도배). */
export type PostingRefusal =
  { kind: "too-fast"; message: string; retryAfterSeconds: number } | { kind: "duplicate"; message: string };

export type PostingKind = "post" | "comment";

/** How createPost and addComment are called: under which limits (none when null or absent), and when. */
export interface WriteOptions {
  /** currentRateLimits() for a member's request; scripts, the seed and model tests pass none. */
  limits?: RateLimits | null;
  now?: number;
}

const ITEMS = {
  post: { table: "posts", body: "body_md", noun: "글" },
  comment: { table: "comments", body: "body", noun: "댓글" },
} as const;

const DUPLICATE_MESSAGE = "같은 내용을 연달아 올릴 수 없습니다(도배 방지). 내용을 바꿔 주세요.";

function describeWindow(windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  return minutes % 60 === 0 ? `${minutes / 60}시간` : `${minutes}분`;
}

function tooFastMessage(kind: PostingKind, limit: CountLimit, young: boolean, retryAfterSeconds: number): string {
  const who = young ? "가입한 지 하루가 지나지 않은 계정은 " : "";
  const rule = `${who}${ITEMS[kind].noun}을 ${describeWindow(limit.windowMs)}에 ${limit.max}개까지 쓸 수 있습니다.`;
  return `${rule} ${retryAfterSeconds}초 뒤에 다시 시도해 주세요.`;
}

/**
 * Checks a new post or comment against the posting limits, inside the transaction that writes it. The author's row
 * is locked first, so one member's concurrent writes are counted one after another and none slips past a limit, on
 * every server. Deleted items count towards the rate (deleting does not buy more posts) but not as the body to repeat.
 * Admins are exempt, and no limits (null) let everything through; null means the item may be written.
 */
export async function checkPostingLimits(
  trx: Transaction<Database>,
  item: { kind: PostingKind; authorId: number; body: string },
  limits: RateLimits | null,
  now: number,
): Promise<PostingRefusal | null> {
  if (!limits) return null;
  const author = await lockedForNoKeyUpdate(
    trx,
    trx.selectFrom("users").select(["role", "created_at"]).where("id", "=", item.authorId),
  ).executeTakeFirst();
  if (!author || isAdmin(author)) return null;
  const { table, body } = ITEMS[item.kind];
  const young = author.created_at > now - limits.youngAccountMs;
  const fullLimit = item.kind === "post" ? limits.posts : limits.comments;
  const limit = young ? halved(fullLimit) : fullLimit;
  const fullUntil = await windowFullUntil(trx.selectFrom(table).where("author_id", "=", item.authorId), limit, 1, now);
  if (fullUntil !== null) {
    const retryAfterSeconds = secondsUntil(fullUntil, now);
    return { kind: "too-fast", message: tooFastMessage(item.kind, limit, young, retryAfterSeconds), retryAfterSeconds };
  }
  const latest = await trx
    .selectFrom(table)
    .select(`${body} as body`)
    .where("author_id", "=", item.authorId)
    .where("created_at", ">", now - limits.duplicateWindowMs)
    .where("deleted_at", "is", null)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest?.body === item.body ? { kind: "duplicate", message: DUPLICATE_MESSAGE } : null;
}
