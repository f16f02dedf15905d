import type { Kysely } from "kysely";
import type { AdminAction, AdminActionTarget, Database } from "#db/types";

export const ADMIN_ACTIONS_PER_PAGE = 30;

const SUMMARY_MAX_CHARACTERS = 200;
const REASON_MAX_CHARACTERS = 500;

export interface AdminActionEntry {
  adminId: number;
  action: AdminAction;
  targetKind: AdminActionTarget;
  targetId: number | null;
  /** What the target is now (a title, a comment excerpt, a username, a board name), since it may later be deleted. */
  summary: string;
  reason?: string;
}

/**
 * Writes one line of the audit log. Call it with the transaction that makes the change, so the log holds exactly
 * the actions that happened.
 */
export async function recordAdminAction(db: Kysely<Database>, entry: AdminActionEntry, now = Date.now()) {
  await db
    .insertInto("admin_actions")
    .values({
      admin_id: entry.adminId,
      action: entry.action,
      target_kind: entry.targetKind,
      target_id: entry.targetId,
      summary: Array.from(entry.summary).slice(0, SUMMARY_MAX_CHARACTERS).join(""),
      reason: Array.from(entry.reason ?? "")
        .slice(0, REASON_MAX_CHARACTERS)
        .join(""),
      created_at: now,
    })
    .execute();
}

/** The audit log, newest first, with who acted. */
export async function listAdminActions(db: Kysely<Database>, page: number) {
  const [entries, total] = await Promise.all([
    db
      .selectFrom("admin_actions")
      .innerJoin("users", "users.id", "admin_actions.admin_id")
      .select([
        "admin_actions.id",
        "users.username as adminName",
        "admin_actions.action",
        "admin_actions.target_kind as targetKind",
        "admin_actions.target_id as targetId",
        "admin_actions.summary",
        "admin_actions.reason",
        "admin_actions.created_at as createdAt",
      ])
      .orderBy("admin_actions.id", "desc")
      .limit(ADMIN_ACTIONS_PER_PAGE)
      .offset((page - 1) * ADMIN_ACTIONS_PER_PAGE)
      .execute(),
    db
      .selectFrom("admin_actions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    entries,
    total: Number(total.n),
    pageCount: Math.max(1, Math.ceil(Number(total.n) / ADMIN_ACTIONS_PER_PAGE)),
  };
}
