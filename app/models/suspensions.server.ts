import type { Kysely } from "kysely";
import { lockedForNoKeyUpdate, withTransaction } from "#db/engine";
import type { Database } from "#db/types";
import { formatFullDate } from "~/lib/format";
import type { SuspensionLength } from "~/lib/suspension-lengths";
import { recordAdminAction } from "./admin-log.server";
import { isAdmin, type Actor } from "./permissions";

export const SUSPENSION_REASON_MAX_LENGTH = 200;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ActiveSuspension {
  reason: string;
  /** Null for a permanent suspension. */
  endsAt: number | null;
}

/** The member's suspension in force now, if any: not lifted, begun, and not yet over. Read per write, never cached. */
export async function findActiveSuspension(
  db: Kysely<Database>,
  userId: number,
  now = Date.now(),
): Promise<ActiveSuspension | null> {
  const row = await db
    .selectFrom("suspensions")
    .select(["reason", "ends_at"])
    .where("user_id", "=", userId)
    .where("lifted_at", "is", null)
    .where("starts_at", "<=", now)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { reason: row.reason, endsAt: row.ends_at } : null;
}

/** What a suspended member is told when they try to write: the reason and when it ends. */
export function suspensionMessage(suspension: ActiveSuspension): string {
  const until = suspension.endsAt === null ? "영구" : `${formatFullDate(suspension.endsAt)}까지`;
  return `이용이 정지된 계정이라 글, 댓글, 신고, 스크랩을 할 수 없습니다. 사유: ${suspension.reason} (정지 기간: ${until})`;
}

/** A member as the admin's member page shows them, with their suspensions newest first; null for no such user. */
export async function getMemberForAdmin(db: Kysely<Database>, username: string, now = Date.now()) {
  const member = await db
    .selectFrom("users")
    .select(["id", "username", "role", "created_at as createdAt"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!member) return null;
  const [posts, comments, suspensions, active] = await Promise.all([
    db
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", member.id)
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", member.id)
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("suspensions")
      .innerJoin("users as admins", "admins.id", "suspensions.admin_id")
      .select([
        "suspensions.id",
        "suspensions.reason",
        "suspensions.starts_at as startsAt",
        "suspensions.ends_at as endsAt",
        "suspensions.lifted_at as liftedAt",
        "admins.username as adminName",
      ])
      .where("suspensions.user_id", "=", member.id)
      .orderBy("suspensions.id", "desc")
      .execute(),
    findActiveSuspension(db, member.id, now),
  ]);
  return { ...member, postCount: Number(posts.n), commentCount: Number(comments.n), active, suspensions };
}

export type MemberForAdmin = NonNullable<Awaited<ReturnType<typeof getMemberForAdmin>>>;

export type SuspensionOutcome = "done" | "not-found" | "is-admin" | "is-self" | "not-suspended";

function lengthLabel(length: SuspensionLength): string {
  return length === "permanent" ? "영구" : `${length}일`;
}

/** Ends whatever suspension is in force, as lifted by this admin; the number of suspensions it ended. */
async function liftActive(db: Kysely<Database>, userId: number, adminId: number, now: number): Promise<number> {
  const result = await db
    .updateTable("suspensions")
    .set({ lifted_at: now, lifted_by: adminId })
    .where("user_id", "=", userId)
    .where("lifted_at", "is", null)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Suspends a member for `length`, replacing any suspension in force, and logs it in the same transaction. Admins
 * (the acting one included) cannot be suspended. The member's row is locked so two admins acting at once leave one
 * suspension in force.
 */
export async function suspendMember(
  db: Kysely<Database>,
  input: { admin: Actor; userId: number; length: SuspensionLength; reason: string },
  now = Date.now(),
): Promise<SuspensionOutcome> {
  const { admin, userId, length, reason } = input;
  return withTransaction(db, async (trx) => {
    const member = await lockedForNoKeyUpdate(
      trx,
      trx.selectFrom("users").select(["id", "username", "role"]).where("id", "=", userId),
    ).executeTakeFirst();
    if (!member) return "not-found";
    if (member.id === admin.id) return "is-self";
    if (isAdmin(member)) return "is-admin";
    await liftActive(trx, userId, admin.id, now);
    await trx
      .insertInto("suspensions")
      .values({
        user_id: userId,
        admin_id: admin.id,
        reason,
        starts_at: now,
        ends_at: length === "permanent" ? null : now + Number(length) * DAY_MS,
      })
      .execute();
    await recordAdminAction(
      trx,
      {
        adminId: admin.id,
        action: "suspend",
        targetKind: "user",
        targetId: userId,
        summary: member.username,
        reason: `${lengthLabel(length)}: ${reason}`,
      },
      now,
    );
    return "done";
  });
}

/** Lifts the suspension in force and logs it in the same transaction; "not-suspended" when none is. */
export async function liftSuspension(
  db: Kysely<Database>,
  input: { admin: Actor; userId: number },
  now = Date.now(),
): Promise<SuspensionOutcome> {
  const { admin, userId } = input;
  return withTransaction(db, async (trx) => {
    const member = await lockedForNoKeyUpdate(
      trx,
      trx.selectFrom("users").select(["id", "username"]).where("id", "=", userId),
    ).executeTakeFirst();
    if (!member) return "not-found";
    if ((await liftActive(trx, userId, admin.id, now)) === 0) return "not-suspended";
    await recordAdminAction(
      trx,
      { adminId: admin.id, action: "lift_suspension", targetKind: "user", targetId: userId, summary: member.username },
      now,
    );
    return "done";
  });
}
