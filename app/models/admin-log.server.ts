import type { Kysely } from "kysely";
import type { AdminAction, AdminActionTarget, Database } from "#db/types";
import { isLive, selectPostsWithPlace } from "./post-queries.server";

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

type LoggedTarget = { targetKind: AdminActionTarget; targetId: number | null };

/** Ids of one kind of target among the entries. */
function idsOf(entries: LoggedTarget[], kind: AdminActionTarget): number[] {
  return [...new Set(entries.filter((e) => e.targetKind === kind && e.targetId !== null).map((e) => e.targetId!))];
}

/**
 * Where each target of these entries can be seen now, keyed "kind:id"; a target since deleted has no address.
 * One query per kind of target, whatever the number of entries.
 */
async function targetLinks(db: Kysely<Database>, entries: LoggedTarget[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const [posts, comments, boards, categories, users] = await Promise.all([
    ifAny(idsOf(entries, "post"), (ids) =>
      selectPostsWithPlace(db)
        .select(["posts.id", "boards.slug"])
        .where("posts.id", "in", ids)
        .where(isLive("posts"))
        .execute(),
    ),
    ifAny(idsOf(entries, "comment"), (ids) =>
      db
        .selectFrom("comments")
        .innerJoin("posts", "posts.id", "comments.post_id")
        .innerJoin("boards", "boards.id", "posts.board_id")
        .select(["comments.id", "comments.post_id as postId", "boards.slug"])
        .where("comments.id", "in", ids)
        .where(isLive("comments"))
        .where(isLive("posts"))
        .execute(),
    ),
    ifAny(idsOf(entries, "board"), (ids) =>
      db.selectFrom("boards").select(["id", "slug"]).where("id", "in", ids).execute(),
    ),
    ifAny(idsOf(entries, "category"), (ids) =>
      db
        .selectFrom("categories")
        .innerJoin("boards", "boards.id", "categories.board_id")
        .select(["categories.id", "boards.slug"])
        .where("categories.id", "in", ids)
        .execute(),
    ),
    ifAny(idsOf(entries, "user"), (ids) =>
      db.selectFrom("users").select(["id", "username"]).where("id", "in", ids).execute(),
    ),
  ]);
  for (const p of posts) links.set(`post:${p.id}`, `/${p.slug}/${p.id}`);
  for (const c of comments) links.set(`comment:${c.id}`, `/${c.slug}/${c.postId}#comment-${c.id}`);
  for (const b of boards) links.set(`board:${b.id}`, `/admin/boards/${b.slug}`);
  for (const c of categories) links.set(`category:${c.id}`, `/admin/boards/${c.slug}`);
  for (const u of users) links.set(`user:${u.id}`, `/admin/users/${u.username}`);
  return links;
}

async function ifAny<Row>(ids: number[], query: (ids: number[]) => Promise<Row[]>): Promise<Row[]> {
  return ids.length === 0 ? [] : query(ids);
}

/** The audit log, newest first, with who acted and, while the target still exists, a link to it. */
export async function listAdminActions(db: Kysely<Database>, requestedPage: number) {
  const { n } = await db
    .selectFrom("admin_actions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_ACTIONS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const entries = await db
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
    .execute();
  const links = await targetLinks(db, entries);
  return {
    entries: entries.map((entry) => ({
      ...entry,
      targetHref: links.get(`${entry.targetKind}:${entry.targetId}`) ?? null,
    })),
    total,
    page,
    pageCount,
  };
}
