import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { lockedForUpdate, withTransaction } from "#db/engine";
import type { Database, NoticeScope } from "#db/types";
import { idField } from "~/lib/form-submission.server";
import { recordAdminAction } from "./admin-log.server";
import { presentListedPost } from "./blinding";
import { markBoardChanged } from "./board-versions.server";
import type { Actor } from "./permissions";
import { isLive, selectPostsWithPlace } from "./post-queries.server";

export type ActiveNoticeScope = Exclude<NoticeScope, "none">;
export type NoticeMove = "up" | "down";

/** The notice list's forms: a notice moved one place up or down, or removed (the post stays, as a plain post). */
export const noticeFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), postId: idField(), direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("remove"), postId: idField() }),
]);

/**
 * Notices only, through the small partial index posts_notices: SQLite uses a partial index only when the query
 * repeats its condition with the same literal ('none', not a bound parameter), and the IN lets it seek by scope.
 */
const IS_NOTICE = sql<boolean>`posts.notice_scope <> 'none' and posts.notice_scope in ('global', 'board') and ${isLive("posts")}`;

/** Live notices with what every notice list shows. */
function selectNotices(db: Kysely<Database>) {
  return selectPostsWithPlace(db)
    .select([
      "posts.id",
      "posts.title",
      "posts.notice_scope as noticeScope",
      "posts.created_at as createdAt",
      "posts.comment_count as commentCount",
      "posts.has_images as hasImages",
      "posts.author_id as authorId",
      "posts.blinded_at as blindedAt",
      "boards.slug as boardSlug",
      "categories.name as categoryName",
      "categories.notice_badge as noticeBadge",
    ])
    .where(IS_NOTICE);
}

/** A board's notices, its own and the site-wide ones, in the order the admins gave them. */
export async function listBoardNotices(db: Kysely<Database>, boardId: number, reader: Actor | null = null) {
  const notices = await selectNotices(db)
    .select("posts.view_count as viewCount")
    .where((eb) =>
      eb.or([
        eb("posts.notice_scope", "=", "global"),
        eb.and([eb("posts.notice_scope", "=", "board"), eb("posts.board_id", "=", boardId)]),
      ]),
    )
    .orderBy("posts.notice_order")
    .orderBy("posts.id", "desc")
    .execute();
  return notices.map((notice) => presentListedPost(notice, reader));
}

// Notice changes drop every board's cached list: site-wide notices show on all of them, and admins change notices rarely.

/** The audit log's line for a notice change, written in its transaction. */
function logNoticeChange(
  trx: Kysely<Database>,
  adminId: number,
  action: "add_notice" | "remove_notice" | "move_notice",
  post: { id: number; title: string },
  reason = "",
) {
  return recordAdminAction(trx, {
    adminId,
    action,
    targetKind: "post",
    targetId: post.id,
    summary: post.title,
    reason,
  });
}

/** Makes a live post a notice of its board or of the whole site, above every other notice. False when no such post. */
export async function addNotice(
  db: Kysely<Database>,
  postId: number,
  scope: ActiveNoticeScope,
  adminId: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .updateTable("posts")
      .set((eb) => ({
        notice_scope: scope,
        notice_order: eb(
          eb
            .selectFrom("posts as other")
            .select((sub) => sub.fn.coalesce(sub.fn.min("other.notice_order"), sub.val(1)).as("top"))
            .where("other.notice_scope", "<>", "none")
            .where("other.id", "<>", postId),
          "-",
          1,
        ).$notNull(),
      }))
      .where("id", "=", postId)
      .where(isLive("posts"))
      .returning(["id", "title"])
      .executeTakeFirst();
    if (!post) return false;
    await logNoticeChange(trx, adminId, "add_notice", post, scope === "global" ? "전체 공지" : "게시판 공지");
    await markBoardChanged(trx, null);
    return true;
  });
}

/** Makes a notice a plain post again; false when no such post. */
export async function removeNotice(db: Kysely<Database>, postId: number, adminId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .updateTable("posts")
      .set({ notice_scope: "none", notice_order: 0 })
      .where("id", "=", postId)
      .returning(["id", "title"])
      .executeTakeFirst();
    if (!post) return false;
    await logNoticeChange(trx, adminId, "remove_notice", post);
    await markBoardChanged(trx, null);
    return true;
  });
}

/**
 * Moves a notice one place up or down among its own group: the site-wide notices, or its board's own notices.
 * False when the post is not a live notice or is already at that end.
 */
export async function moveNotice(
  db: Kysely<Database>,
  postId: number,
  direction: NoticeMove,
  adminId: number,
): Promise<boolean> {
  // The group is read, reordered and written back: its rows stay locked meanwhile, and a deadlock between two
  // moves is retried.
  return withTransaction(db, async (trx) => {
    const notice = await trx
      .selectFrom("posts")
      .select(["notice_scope", "board_id", "title"])
      .where("id", "=", postId)
      .where("notice_scope", "<>", "none")
      .where(isLive("posts"))
      .executeTakeFirst();
    if (!notice) return false;
    let groupQuery = trx
      .selectFrom("posts")
      .select(["id", "notice_order"])
      .where("notice_scope", "=", notice.notice_scope)
      .where(isLive("posts"));
    if (notice.notice_scope === "board") groupQuery = groupQuery.where("board_id", "=", notice.board_id);
    const group = await lockedForUpdate(trx, groupQuery.orderBy("notice_order").orderBy("id", "desc")).execute();
    const index = group.findIndex((n) => n.id === postId);
    const target = direction === "up" ? index - 1 : index + 1;
    if (!group[target]) return false;
    const reordered = group.map((n) => n.id);
    [reordered[index], reordered[target]] = [reordered[target], reordered[index]];
    // The group keeps its slots among the other group's notices; equal orders, told apart only by id, are pulled
    // apart so that the new sequence really shows.
    const slots: number[] = [];
    for (const { notice_order } of group) slots.push(Math.max(notice_order, (slots.at(-1) ?? notice_order - 1) + 1));
    for (const [position, id] of reordered.entries()) {
      if (group.find((n) => n.id === id)?.notice_order === slots[position]) continue;
      await trx.updateTable("posts").set({ notice_order: slots[position] }).where("id", "=", id).execute();
    }
    await logNoticeChange(
      trx,
      adminId,
      "move_notice",
      { id: postId, title: notice.title },
      direction === "up" ? "위로" : "아래로",
    );
    await markBoardChanged(trx, null);
    return true;
  });
}

/** Every live notice of the site for /notices: the site-wide ones first, then each board's own, boards in menu order. */
export async function listAllNotices(db: Kysely<Database>, reader: Actor | null = null) {
  const rows = await selectNotices(db)
    .select(["posts.notice_order as noticeOrder", "boards.name as boardName"])
    .orderBy("boards.position")
    .orderBy("boards.id")
    .orderBy("posts.notice_order")
    .orderBy("posts.id", "desc")
    .execute();
  const notices = rows.map((row) => presentListedPost(row, reader));
  const global = notices
    .filter((n) => n.noticeScope === "global")
    .sort((a, b) => a.noticeOrder - b.noticeOrder || b.id - a.id);
  const boards: { slug: string; name: string; notices: typeof notices }[] = [];
  for (const notice of notices) {
    if (notice.noticeScope !== "board") continue;
    const last = boards.at(-1);
    if (last?.slug === notice.boardSlug) last.notices.push(notice);
    else boards.push({ slug: notice.boardSlug, name: notice.boardName, notices: [notice] });
  }
  return { global, boards };
}
