import type { Kysely } from "kysely";
import type { Database } from "#db/types";

export const POSTS_PER_PAGE = 20;

export interface ListBoardPostsOptions {
  boardId: number;
  categoryId?: number;
  excludeCategoryIds?: number[];
  page: number;
}

/** One page of a board's live posts, newest first. */
export async function listBoardPosts(db: Kysely<Database>, options: ListBoardPostsOptions) {
  const { boardId, categoryId, excludeCategoryIds = [], page } = options;
  let query = db
    .selectFrom("posts")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .select([
      "posts.id",
      "posts.title",
      "posts.created_at as createdAt",
      "posts.view_count as viewCount",
      "posts.comment_count as commentCount",
      "categories.slug as categorySlug",
      "categories.name as categoryName",
    ])
    .where("posts.board_id", "=", boardId)
    .where("posts.deleted_at", "is", null);
  if (categoryId !== undefined) query = query.where("posts.category_id", "=", categoryId);
  if (excludeCategoryIds.length > 0) {
    query = query.where((eb) =>
      eb.or([eb("posts.category_id", "is", null), eb("posts.category_id", "not in", excludeCategoryIds)]),
    );
  }
  return query
    .orderBy("posts.id", "desc")
    .limit(POSTS_PER_PAGE)
    .offset((page - 1) * POSTS_PER_PAGE)
    .execute();
}

export type BoardPostRow = Awaited<ReturnType<typeof listBoardPosts>>[number];

/** A live post with what its page shows; null when it does not exist or was deleted. */
export async function getPost(db: Kysely<Database>, postId: number) {
  const post = await db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .leftJoin("categories", "categories.id", "posts.category_id")
    .select([
      "posts.id",
      "posts.title",
      "posts.body_html as bodyHtml",
      "posts.author_id as authorId",
      "posts.view_count as viewCount",
      "posts.comment_count as commentCount",
      "posts.scrap_count as scrapCount",
      "posts.notice_scope as noticeScope",
      "posts.created_at as createdAt",
      "posts.updated_at as updatedAt",
      "boards.slug as boardSlug",
      "boards.is_anonymous as boardIsAnonymous",
      "users.username as authorUsername",
      "categories.slug as categorySlug",
      "categories.name as categoryName",
    ])
    .where("posts.id", "=", postId)
    .where("posts.deleted_at", "is", null)
    .executeTakeFirst();
  return post ?? null;
}

export type PostDetail = NonNullable<Awaited<ReturnType<typeof getPost>>>;
