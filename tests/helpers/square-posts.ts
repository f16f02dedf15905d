import type { Insertable, Kysely } from "kysely";
import type { Database, PostsTable } from "#db/types";

/** The seeded board's copy of the source page's news post, with its 45 comments (db/demo-data.ts). */
export const KAKAO_POST_ID = 399629;
export const KAKAO_TITLE = "[단독] 카카오, 내년부터 이용패턴·기록 사실상 강제수집";

/**
 * A post on the seeded board's 스퀘어, written straight to its database (`bodyHtml` as stored, already rendered), by
 * the member `authorUsername` or else the first account; `extra` sets any other column (counts, blinding).
 */
export async function insertSquarePost(
  db: Kysely<Database>,
  {
    title,
    bodyHtml,
    authorUsername,
    extra = {},
  }: { title: string; bodyHtml: string; authorUsername?: string; extra?: Partial<Insertable<PostsTable>> },
): Promise<{ postId: number; authorId: number }> {
  const square = await db.selectFrom("boards").select("id").where("slug", "=", "square").executeTakeFirstOrThrow();
  const authors = db.selectFrom("users").select("id").orderBy("id");
  const author = await (
    authorUsername ? authors.where("username", "=", authorUsername) : authors
  ).executeTakeFirstOrThrow();
  const now = Date.now();
  const post = await db
    .insertInto("posts")
    .values({
      board_id: square.id,
      author_id: author.id,
      title,
      body_md: title,
      body_html: bodyHtml,
      is_anonymous: 0,
      has_images: bodyHtml.includes("<img") ? 1 : 0,
      created_at: now,
      updated_at: now,
      ...extra,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { postId: post.id, authorId: author.id };
}
