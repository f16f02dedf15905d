import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { commentHref } from "~/lib/comment-query";
import { excerpt } from "~/lib/format";
import { BLINDED_POST_TEXT, blindingFor, presentListedPost } from "./blinding";
import type { Actor } from "./permissions";
import { isLive, LISTED_POST_COLUMNS, POST_BOARD_COLUMNS, selectPostsWithPlace } from "./post-queries.server";

export const MY_ITEMS_PER_PAGE = 20;
const COMMENT_EXCERPT_CHARACTERS = 100;

/**
 * Pages of one member's own items on /me. Each query takes the member from the session and filters on it, so no
 * address reaches another member's list; items on anonymous boards are included (their owner may see them), marked
 * as such. A page number past the end shows the last page. The count and the page walk the author indexes
 * (posts_author, comments_author), so a page costs at most the member's own items, never the board's.
 */
function pageOf(requested: number, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / MY_ITEMS_PER_PAGE));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, offset: (page - 1) * MY_ITEMS_PER_PAGE };
}

/** The member's live posts, newest first; a blinded one keeps its title for its author, with the mark. */
export async function listMyPosts(db: Kysely<Database>, member: Actor, requestedPage: number) {
  const base = selectPostsWithPlace(db).where("posts.author_id", "=", member.id).where(isLive("posts"));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const { page, pageCount, offset } = pageOf(requestedPage, Number(total));
  const rows = await base
    .select([...LISTED_POST_COLUMNS, "posts.is_anonymous as isAnonymous", ...POST_BOARD_COLUMNS])
    .orderBy("posts.id", "desc")
    .limit(MY_ITEMS_PER_PAGE)
    .offset(offset)
    .execute();
  return {
    posts: rows.map((row) => ({ ...presentListedPost(row, member), isAnonymous: row.isAnonymous === 1 })),
    total: Number(total),
    page,
    pageCount,
  };
}

/**
 * The member's live comments on live posts, newest first, each with the post it belongs to (its title as this
 * member may read it: someone else's blinded post shows the notice).
 */
export async function listMyComments(db: Kysely<Database>, member: Actor, requestedPage: number) {
  const base = db
    .selectFrom("comments")
    .innerJoin("posts", "posts.id", "comments.post_id")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .where("comments.author_id", "=", member.id)
    .where(isLive("comments"))
    .where(isLive("posts"));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const { page, pageCount, offset } = pageOf(requestedPage, Number(total));
  const rows = await base
    .select([
      "comments.id",
      "comments.body",
      "comments.created_at as createdAt",
      "comments.is_anonymous as isAnonymous",
      "comments.blinded_at as blindedAt",
      "posts.id as postId",
      "posts.title as postTitle",
      "posts.blinded_at as postBlindedAt",
      "posts.author_id as postAuthorId",
      ...POST_BOARD_COLUMNS,
      // How many threads the post page must show for this comment to be on it (countThreadsThrough, per row).
      (eb) =>
        eb
          .selectFrom("comments as thread")
          .select((inner) => inner.fn.countAll<number>().as("n"))
          .whereRef("thread.post_id", "=", "comments.post_id")
          .where("thread.parent_id", "is", null)
          .where("thread.id", "<=", eb.fn.coalesce("comments.parent_id", "comments.id"))
          .as("threadsThrough"),
    ])
    .orderBy("comments.id", "desc")
    .limit(MY_ITEMS_PER_PAGE)
    .offset(offset)
    .execute();
  const comments = rows.map((row) => {
    const postBlinding = blindingFor(member, { blindedAt: row.postBlindedAt, authorId: row.postAuthorId });
    return {
      id: row.id,
      href: commentHref(`/${row.boardSlug}/${row.postId}`, Number(row.threadsThrough), row.id),
      excerpt: excerpt(row.body, COMMENT_EXCERPT_CHARACTERS),
      createdAt: row.createdAt,
      isAnonymous: row.isAnonymous === 1,
      blinding: blindingFor(member, { blindedAt: row.blindedAt, authorId: member.id }),
      postId: row.postId,
      postTitle: postBlinding === "hidden" ? BLINDED_POST_TEXT : row.postTitle,
      boardSlug: row.boardSlug,
      boardName: row.boardName,
    };
  });
  return { comments, total: Number(total), page, pageCount };
}
