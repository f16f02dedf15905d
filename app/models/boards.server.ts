import type { Kysely } from "kysely";
import type { Database } from "#db/types";

export interface BoardCategory {
  id: number;
  slug: string;
  name: string;
  adminOnly: boolean;
  postCount: number;
}

export interface BoardWithCategories {
  id: number;
  slug: string;
  name: string;
  description: string;
  isAnonymous: boolean;
  postCount: number;
  categories: BoardCategory[];
}

export async function listBoards(db: Kysely<Database>) {
  return db
    .selectFrom("boards")
    .select(["id", "slug", "name", "description", "post_count as postCount"])
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function getBoardBySlug(db: Kysely<Database>, slug: string): Promise<BoardWithCategories | null> {
  const board = await db
    .selectFrom("boards")
    .select(["id", "slug", "name", "description", "is_anonymous", "post_count"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!board) return null;
  const categories = await db
    .selectFrom("categories")
    .select(["id", "slug", "name", "admin_only", "post_count"])
    .where("board_id", "=", board.id)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return {
    id: board.id,
    slug: board.slug,
    name: board.name,
    description: board.description,
    isAnonymous: board.is_anonymous === 1,
    postCount: board.post_count,
    categories: categories.map((c) => ({
      id: c.id,
      slug: c.slug,
      name: c.name,
      adminOnly: c.admin_only === 1,
      postCount: c.post_count,
    })),
  };
}
