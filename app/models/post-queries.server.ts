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

/** Posts with the board and the category they sit in: the opening of every query that shows a post where it lives. */
export function selectPostsWithPlace(db: Kysely<Database>) {
  return db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .leftJoin("categories", "categories.id", "posts.category_id");
}
