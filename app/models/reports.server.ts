import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import { lockedForUpdate, withTransaction } from "#db/engine";
import type { Database, ReportReason } from "#db/types";
import { characterCount } from "~/lib/forms";
import { REPORT_DETAIL_MAX_LENGTH } from "~/lib/input-limits";
import { stripInvisibleCharacters } from "~/lib/invisible-characters";
import { parseId } from "~/lib/ids";
import { REPORT_REASONS } from "~/lib/report-reasons";
import { recordAdminAction } from "./admin-log.server";
import { markBoardChanged } from "./board-versions.server";
import { notifyModeration } from "./notifications.server";
import { isLive } from "./post-queries.server";

/** A reported thing: a post, or a comment on one. */
export type ReportedItem = { kind: "post"; postId: number } | { kind: "comment"; postId: number; commentId: number };

const REASON_VALUES = REPORT_REASONS.map((r) => r.value) as [ReportReason, ...ReportReason[]];

/**
 * The report form of a post or comment: `commentId` names a comment of the post, else the post itself. A detail is
 * optional except for 기타, which the caller checks with missingDetail.
 */
export const reportSchema = z.object({
  reason: z
    .string()
    .optional()
    .refine(
      (reason): reason is ReportReason => REASON_VALUES.includes(reason as ReportReason),
      "신고 사유를 골라 주세요.",
    ),
  detail: z
    .string()
    .optional()
    .transform((detail) => stripInvisibleCharacters(detail ?? "").trim())
    .refine(
      (detail) => characterCount(detail) <= REPORT_DETAIL_MAX_LENGTH,
      `신고 내용은 ${REPORT_DETAIL_MAX_LENGTH}자 이하로 입력해 주세요.`,
    ),
  commentId: z
    .string()
    .optional()
    .refine((v) => !v || parseId(v) !== null, "신고할 댓글이 올바르지 않습니다.")
    .transform((v) => parseId(v)),
});

/** 기타 needs the reporter's own words. */
export function missingDetail(report: { reason: ReportReason; detail: string }): string | null {
  return report.reason === "other" && report.detail === "" ? "기타 사유를 입력해 주세요." : null;
}

export type ReportOutcome = "reported" | "already-reported" | "not-found" | "own-item";

/** The live item's row, locked so that concurrent reports of it count and blind one after another. */
async function lockLiveItem(trx: Transaction<Database>, item: ReportedItem) {
  if (item.kind === "post") {
    return lockedForUpdate(
      trx,
      trx
        .selectFrom("posts")
        .select(["author_id", "board_id", "blinded_at", "notice_scope"])
        .where("id", "=", item.postId)
        .where(isLive("posts")),
    ).executeTakeFirst();
  }
  const comment = await lockedForUpdate(
    trx,
    trx
      .selectFrom("comments")
      .select(["author_id", "blinded_at"])
      .where("id", "=", item.commentId)
      .where("post_id", "=", item.postId)
      .where(isLive("comments")),
  ).executeTakeFirst();
  if (!comment) return undefined;
  const post = await trx
    .selectFrom("posts")
    .select("board_id")
    .where("id", "=", item.postId)
    .where(isLive("posts"))
    .executeTakeFirst();
  return post && { ...comment, board_id: post.board_id, notice_scope: "none" as const };
}

type LockedItem = NonNullable<Awaited<ReturnType<typeof lockLiveItem>>>;

/**
 * An item blinded or restored changes the pages that show it: a post its board's lists and page, or every board's for
 * a site-wide notice; a comment its post's page, which the board's version covers too (the shared page cache).
 */
async function markItemPagesChanged(trx: Transaction<Database>, found: LockedItem) {
  await markBoardChanged(trx, found.notice_scope === "global" ? null : found.board_id);
}

function itemTable(item: ReportedItem) {
  return item.kind === "post" ? ("posts" as const) : ("comments" as const);
}

function itemId(item: ReportedItem) {
  return item.kind === "post" ? item.postId : item.commentId;
}

interface ReportsQuery<QB> {
  where(column: "post_id" | "comment_id", operator: "=" | "is", value: number | null): QB;
}

/** The reports of one item: a post's own (not its comments'), or a comment's. */
function reportsOf<QB extends ReportsQuery<QB>>(query: QB, item: ReportedItem): QB {
  return item.kind === "post"
    ? query.where("post_id", "=", item.postId).where("comment_id", "is", null)
    : query.where("comment_id", "=", item.commentId);
}

/** Tells the item's author it was blinded or restored, by `actorId` (an admin, or the reporter that blinded it). */
function notifyAuthor(
  trx: Transaction<Database>,
  kind: "blind" | "restore",
  { item, found, actorId }: { item: ReportedItem; found: LockedItem; actorId: number },
  now: number,
) {
  const commentId = item.kind === "comment" ? item.commentId : null;
  return notifyModeration(trx, { kind, postId: item.postId, commentId, authorId: found.author_id, actorId }, now);
}

/** Blinds the item unless it already is; its author is told when it was not. */
async function blind(trx: Transaction<Database>, item: ReportedItem, found: LockedItem, actorId: number, now: number) {
  const blinded = await trx
    .updateTable(itemTable(item))
    .set({ blinded_at: now })
    .where("id", "=", itemId(item))
    .where("blinded_at", "is", null)
    .executeTakeFirst();
  if (blinded.numUpdatedRows === 0n) return;
  await markItemPagesChanged(trx, found);
  await notifyAuthor(trx, "blind", { item, found, actorId }, now);
}

/**
 * Stores one member's report of a live post or comment. A member reports an item once: a second report is
 * accepted and changes nothing. The item's report_count moves in the same transaction, and the report that brings
 * it to the board's threshold blinds the item, so concurrent reports count exactly and blind it once.
 */
export async function reportItem(
  db: Kysely<Database>,
  input: { item: ReportedItem; reporterId: number; reason: ReportReason; detail: string },
  now = Date.now(),
): Promise<ReportOutcome> {
  const { item } = input;
  return withTransaction(db, async (trx) => {
    const found = await lockLiveItem(trx, item);
    if (!found) return "not-found";
    if (found.author_id === input.reporterId) return "own-item";
    const inserted = await trx
      .insertInto("reports")
      .values({
        post_id: item.postId,
        comment_id: item.kind === "comment" ? item.commentId : null,
        reporter_id: input.reporterId,
        reason: input.reason,
        detail: input.detail,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return "already-reported";
    const { report_count } = await trx
      .updateTable(itemTable(item))
      .set((eb) => ({ report_count: eb("report_count", "+", 1) }))
      .where("id", "=", itemId(item))
      .returning("report_count")
      .executeTakeFirstOrThrow();
    const { report_threshold } = await trx
      .selectFrom("boards")
      .select("report_threshold")
      .where("id", "=", found.board_id)
      .executeTakeFirstOrThrow();
    if (report_count >= report_threshold) await blind(trx, item, found, input.reporterId, now);
    return "reported";
  });
}

export const REPORT_QUEUE_PER_PAGE = 20;

/**
 * Live items with open reports for /admin/reports, most reported first, then the most recently reported: each
 * with its board, its title or comment text, its counts per reason and the details reporters gave.
 */
export async function listReportQueue(db: Kysely<Database>, requestedPage: number) {
  const open = db
    .selectFrom("reports")
    .select((eb) => [
      "reports.post_id",
      "reports.comment_id",
      eb.fn.countAll<number>().as("open_count"),
      eb.fn.max("reports.created_at").as("last_reported_at"),
    ])
    .where("reports.reviewed_at", "is", null)
    .groupBy(["reports.post_id", "reports.comment_id"]);
  const liveItems = db
    .selectFrom(open.as("open"))
    .innerJoin("posts", "posts.id", "open.post_id")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("comments", "comments.id", "open.comment_id")
    .where(isLive("posts"))
    .where((eb) => eb.or([eb("open.comment_id", "is", null), eb("comments.deleted_at", "is", null)]));
  const { n } = await liveItems.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / REPORT_QUEUE_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const items = await liveItems
    .select([
      "open.post_id as postId",
      "open.comment_id as commentId",
      "open.open_count as openCount",
      "open.last_reported_at as lastReportedAt",
      "posts.title",
      "comments.body as commentBody",
      "boards.slug as boardSlug",
      "boards.name as boardName",
      "boards.report_threshold as threshold",
    ])
    .select((eb) => [
      eb.fn.coalesce("comments.report_count", "posts.report_count").as("reportCount"),
      eb
        .case()
        .when("open.comment_id", "is", null)
        .then(eb.ref("posts.blinded_at"))
        .else(eb.ref("comments.blinded_at"))
        .end()
        .as("blindedAt"),
    ])
    .orderBy("open.open_count", "desc")
    .orderBy("open.last_reported_at", "desc")
    .limit(REPORT_QUEUE_PER_PAGE)
    .offset((page - 1) * REPORT_QUEUE_PER_PAGE)
    .execute();
  const reports =
    items.length === 0
      ? []
      : await db
          .selectFrom("reports")
          .select(["post_id", "comment_id", "reason", "detail", "created_at"])
          .where("reviewed_at", "is", null)
          .where(
            "post_id",
            "in",
            items.map((i) => i.postId),
          )
          .orderBy("id")
          .execute();
  return {
    items: items.map((item) => {
      const own = reports.filter((r) => r.post_id === item.postId && r.comment_id === item.commentId);
      const counts = REPORT_REASONS.map(({ value }) => ({
        reason: value,
        count: own.filter((r) => r.reason === value).length,
      })).filter((c) => c.count > 0);
      return {
        ...item,
        openCount: Number(item.openCount),
        lastReportedAt: Number(item.lastReportedAt),
        reportCount: Number(item.reportCount),
        blinded: item.blindedAt !== null,
        counts,
        details: own.filter((r) => r.detail !== "").map((r) => ({ reason: r.reason, detail: r.detail })),
      };
    }),
    total,
    page,
    pageCount,
  };
}

export type ModerationOutcome = "done" | "not-found";

/** What the audit log names the item by: a post's title, or the start of a comment. */
async function summaryOf(trx: Transaction<Database>, item: ReportedItem): Promise<string> {
  if (item.kind === "post") {
    const post = await trx.selectFrom("posts").select("title").where("id", "=", item.postId).executeTakeFirst();
    return post?.title ?? "";
  }
  const comment = await trx.selectFrom("comments").select("body").where("id", "=", item.commentId).executeTakeFirst();
  return comment?.body ?? "";
}

/** Runs one admin decision on a live reported item, writing it to the audit log in the same transaction. */
async function moderate(
  db: Kysely<Database>,
  input: { item: ReportedItem; adminId: number; reason: string },
  action: "keep_blinded" | "restore",
  change: (trx: Transaction<Database>, found: LockedItem) => Promise<void>,
): Promise<ModerationOutcome> {
  const { item } = input;
  return withTransaction(db, async (trx) => {
    const found = await lockLiveItem(trx, item);
    if (!found) return "not-found";
    await change(trx, found);
    await recordAdminAction(trx, {
      adminId: input.adminId,
      action,
      targetKind: item.kind,
      targetId: itemId(item),
      summary: await summaryOf(trx, item),
      reason: input.reason,
    });
    return "done";
  });
}

/** Blinds the item if it is not yet, and closes its open reports: it leaves the queue until reported again. */
export function keepBlinded(db: Kysely<Database>, input: { item: ReportedItem; adminId: number; reason: string }) {
  const now = Date.now();
  return moderate(db, input, "keep_blinded", async (trx, found) => {
    await blind(trx, input.item, found, input.adminId, now);
    await reportsOf(trx.updateTable("reports").set({ reviewed_at: now }), input.item)
      .where("reviewed_at", "is", null)
      .execute();
  });
}

/** Unblinds the item and clears its reports, so its count starts again from zero. */
export function restoreItem(db: Kysely<Database>, input: { item: ReportedItem; adminId: number; reason: string }) {
  return moderate(db, input, "restore", async (trx, found) => {
    await reportsOf(trx.deleteFrom("reports"), input.item).execute();
    await trx
      .updateTable(itemTable(input.item))
      .set({ blinded_at: null, report_count: 0 })
      .where("id", "=", itemId(input.item))
      .execute();
    if (found.blinded_at === null) return;
    await markItemPagesChanged(trx, found);
    await notifyAuthor(trx, "restore", { item: input.item, found, actorId: input.adminId }, Date.now());
  });
}
