import type { Kysely } from "kysely";
import type { Database } from "#db/types";

/** A board's pinned notices, its own and the site-wide ones, in the order the admins gave them. */
export async function listBoardNotices(db: Kysely<Database>, boardId: number) {
  return db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .select([
      "posts.id",
      "posts.title",
      "posts.notice_scope as noticeScope",
      "posts.created_at as createdAt",
      "posts.view_count as viewCount",
      "posts.comment_count as commentCount",
      "boards.slug as boardSlug",
      "categories.slug as categorySlug",
      "categories.name as categoryName",
    ])
    .where("posts.deleted_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("posts.notice_scope", "=", "global"),
        eb.and([eb("posts.notice_scope", "=", "board"), eb("posts.board_id", "=", boardId)]),
      ]),
    )
    .orderBy("posts.notice_order")
    .orderBy("posts.id", "desc")
    .execute();
}

export type BoardNotice = Awaited<ReturnType<typeof listBoardNotices>>[number];
