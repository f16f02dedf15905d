import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "#db/types";

/** The tables whose rows are soft-deleted: they keep their data with a deletion time. */
type SoftDeletedTable = {
  [Table in keyof Database]: "deleted_at" extends keyof Database[Table] ? Table : never;
}[keyof Database];

/** Rows that are not deleted; every list, count and write of posts and comments sees only these. */
export function isLive(table: SoftDeletedTable): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.deleted_at`)} is null`;
}

/**
 * The board's 익명 setting as it is now, read inside the insert of a post or comment: the row keeps it, whatever the
 * board says later.
 */
export function boardAnonymity(db: Kysely<Database>, boardId: number) {
  return db.selectFrom("boards").select("boards.is_anonymous").where("boards.id", "=", boardId);
}

/** Posts with the board and the category they sit in: the opening of every query that shows a post where it lives. */
export function selectPostsWithPlace(db: Kysely<Database>) {
  return db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("categories", "categories.id", "posts.category_id");
}

/** What a post's row in a list shows (app/components/PostRow.tsx). */
export const POST_ROW_COLUMNS = [
  "posts.id",
  "posts.title",
  "posts.created_at as createdAt",
  "posts.view_count as viewCount",
  "posts.comment_count as commentCount",
  "posts.has_images as hasImages",
  "categories.name as categoryName",
] as const;

/** A post's row, with what decides how a reader sees it (presentListedPost drops the last two). */
export const LISTED_POST_COLUMNS = [
  ...POST_ROW_COLUMNS,
  "posts.blinded_at as blindedAt",
  "posts.author_id as authorId",
] as const;

/** The board a post sits in, for lists that span boards (HOT, search, my page). */
export const POST_BOARD_COLUMNS = ["boards.slug as boardSlug", "boards.name as boardName"] as const;
