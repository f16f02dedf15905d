import type { Kysely } from "kysely";
import { z } from "zod";
import { lockedForUpdate } from "#db/engine";
import type { Database } from "#db/types";
import { characterCount, type FieldErrors } from "~/lib/forms";
import { recordAdminAction } from "./admin-log.server";
import { markBoardChanged } from "./board-versions.server";

export const ADMIN_FORM_MAX_BYTES = 4 * 1024;

// Paths the site itself uses; a board with one of these slugs could never be reached.
const RESERVED_BOARD_SLUGS = new Set([
  "about",
  "admin",
  "api",
  "assets",
  "build",
  "hot",
  "login",
  "logout",
  "me",
  "notices",
  "notifications",
  "scraps",
  "search",
  "settings",
  "signup",
  "sitemap",
  "uploads",
  "write",
]);

const checkbox = z
  .string()
  .optional()
  .transform((value) => value !== undefined && value !== "");

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "이름을 입력해 주세요.")
    .refine((value) => characterCount(value) <= max, `이름은 ${max}자 이하여야 합니다.`);

export const boardInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,30}$/, "주소는 영문 소문자, 숫자, 하이픈(-)으로 2~30자여야 합니다.")
    .refine((slug) => !RESERVED_BOARD_SLUGS.has(slug), "사이트가 쓰는 주소라서 게시판 주소로 쓸 수 없습니다."),
  name: name(40),
  isAnonymous: checkbox,
});

export const REPORT_THRESHOLD_MAX = 1000;

export const boardSettingsSchema = boardInputSchema.omit({ slug: true }).extend({
  /** Left out, the threshold stays as it is. */
  reportThreshold: z
    .string()
    .trim()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        (/^[0-9]{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= REPORT_THRESHOLD_MAX),
      `신고 기준은 1부터 ${REPORT_THRESHOLD_MAX} 사이의 숫자여야 합니다.`,
    )
    .transform((value) => (value === undefined ? undefined : Number(value))),
});

const NOTICE_BADGE_MAX_LENGTH = 10;

export const categoryInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,30}$/, "주소는 영문 소문자, 숫자, 하이픈(-)으로 1~30자여야 합니다."),
  name: name(30),
  position: z
    .string()
    .trim()
    .regex(/^[0-9]{1,3}$/, "순서는 0부터 999 사이의 숫자여야 합니다.")
    .transform(Number),
  adminOnly: checkbox,
  /** Empty means the category's notices wear the usual 공지. */
  noticeBadge: z
    .string()
    .trim()
    .optional()
    .refine(
      (badge) => !badge || characterCount(badge) <= NOTICE_BADGE_MAX_LENGTH,
      `공지 배지는 ${NOTICE_BADGE_MAX_LENGTH}자 이하여야 합니다.`,
    )
    .transform((badge) => badge || null),
});

export type BoardInput = z.output<typeof boardInputSchema>;
export type BoardSettings = z.output<typeof boardSettingsSchema>;
export type CategoryInput = z.output<typeof categoryInputSchema>;

export type AdminWriteResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

const SLUG_TAKEN: AdminWriteResult = { ok: false, fieldErrors: { slug: "이미 쓰이는 주소입니다." } };

/** What the audit log says a board's settings became. */
function describeBoard(settings: { isAnonymous: boolean; reportThreshold?: number }): string {
  const threshold = settings.reportThreshold === undefined ? "" : `, 신고 기준 ${settings.reportThreshold}명`;
  return `${settings.isAnonymous ? "익명" : "실명"} 게시판${threshold}`;
}

/** What the audit log says a category became. */
function describeCategory(input: CategoryInput): string {
  const badge = input.noticeBadge ? `, 공지 배지 ${input.noticeBadge}` : "";
  return `/${input.slug}, 순서 ${input.position}${input.adminOnly ? ", 관리자만 쓰기" : ""}${badge}`;
}

/** A new board at the end of the menu; refused when the slug is taken. */
export async function createBoard(
  db: Kysely<Database>,
  input: BoardInput,
  adminId: number,
  now = Date.now(),
): Promise<AdminWriteResult> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("boards")
      .select((eb) => eb.fn.max("position").as("position"))
      .executeTakeFirst();
    const inserted = await trx
      .insertInto("boards")
      .values({
        slug: input.slug,
        name: input.name,
        is_anonymous: input.isAnonymous ? 1 : 0,
        position: (last?.position ?? 0) + 1,
        created_at: now,
      })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return SLUG_TAKEN;
    await recordAdminAction(trx, {
      adminId,
      action: "create_board",
      targetKind: "board",
      targetId: inserted.id,
      summary: input.name,
      reason: `/${input.slug}, ${describeBoard(input)}`,
    });
    return { ok: true };
  });
}

export async function updateBoardSettings(
  db: Kysely<Database>,
  boardId: number,
  settings: BoardSettings,
  adminId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("boards")
      .set({
        name: settings.name,
        is_anonymous: settings.isAnonymous ? 1 : 0,
        ...(settings.reportThreshold === undefined ? {} : { report_threshold: settings.reportThreshold }),
      })
      .where("id", "=", boardId)
      .execute();
    await recordAdminAction(trx, {
      adminId,
      action: "edit_board",
      targetKind: "board",
      targetId: boardId,
      summary: settings.name,
      reason: describeBoard(settings),
    });
    await markBoardChanged(trx, boardId);
  });
}

export async function addCategory(
  db: Kysely<Database>,
  boardId: number,
  input: CategoryInput,
  adminId: number,
): Promise<AdminWriteResult> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("categories")
      .values({
        board_id: boardId,
        slug: input.slug,
        name: input.name,
        position: input.position,
        admin_only: input.adminOnly ? 1 : 0,
        notice_badge: input.noticeBadge,
      })
      .onConflict((oc) => oc.columns(["board_id", "slug"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return SLUG_TAKEN;
    await recordAdminAction(trx, {
      adminId,
      action: "create_category",
      targetKind: "category",
      targetId: inserted.id,
      summary: input.name,
      reason: describeCategory(input),
    });
    await markBoardChanged(trx, boardId);
    return { ok: true };
  });
}

/** Changes one of the board's categories; null when the board has no such category. */
export async function updateCategory(
  db: Kysely<Database>,
  boardId: number,
  categoryId: number,
  input: CategoryInput,
  adminId: number,
): Promise<AdminWriteResult | null> {
  return db.transaction().execute(async (trx) => {
    // The board's row is locked first so that, on PostgreSQL too, two renames of its categories apply one after the
    // other: the second's slug check then sees the first.
    await lockedForUpdate(trx, trx.selectFrom("boards").select("id").where("id", "=", boardId)).execute();
    // The slug check sits in the update itself, so a concurrent rename cannot slip between a check and the write.
    const updated = await trx
      .updateTable("categories")
      .set({
        slug: input.slug,
        name: input.name,
        position: input.position,
        admin_only: input.adminOnly ? 1 : 0,
        notice_badge: input.noticeBadge,
      })
      .where("id", "=", categoryId)
      .where("board_id", "=", boardId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("categories as other")
              .select("other.id")
              .where("other.board_id", "=", boardId)
              .where("other.slug", "=", input.slug)
              .where("other.id", "<>", categoryId),
          ),
        ),
      )
      .executeTakeFirst();
    if (updated.numUpdatedRows > 0n) {
      await recordAdminAction(trx, {
        adminId,
        action: "edit_category",
        targetKind: "category",
        targetId: categoryId,
        summary: input.name,
        reason: describeCategory(input),
      });
      await markBoardChanged(trx, boardId);
      return { ok: true };
    }
    const exists = await trx
      .selectFrom("categories")
      .select("id")
      .where("id", "=", categoryId)
      .where("board_id", "=", boardId)
      .executeTakeFirst();
    return exists ? SLUG_TAKEN : null;
  });
}

/** A board with its categories as the admin page edits them, order included. */
export async function getBoardForAdmin(db: Kysely<Database>, slug: string) {
  const board = await db
    .selectFrom("boards")
    .select(["id", "slug", "name", "is_anonymous as isAnonymous", "report_threshold as reportThreshold"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!board) return null;
  const categories = await db
    .selectFrom("categories")
    .select([
      "id",
      "slug",
      "name",
      "position",
      "admin_only as adminOnly",
      "notice_badge as noticeBadge",
      "post_count as postCount",
    ])
    .where("board_id", "=", board.id)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return {
    ...board,
    isAnonymous: board.isAnonymous === 1,
    categories: categories.map((c) => ({ ...c, adminOnly: c.adminOnly === 1 })),
  };
}
