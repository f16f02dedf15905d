import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import type { AtomEntry } from "~/lib/atom-feed.server";
import { rankedPosts } from "./hot-posts.server";
import { isLive, selectPostsWithPlace } from "./post-queries.server";

/** Entries per feed. */
export const FEED_ENTRY_COUNT = 30;

/** What a feed entry shows of a post; the author's name is used only where the post named its author. */
const FEED_COLUMNS = [
  "posts.id",
  "posts.title",
  "posts.body_html as bodyHtml",
  "posts.created_at as createdAt",
  "posts.updated_at as updatedAt",
  "posts.is_anonymous as isAnonymous",
  "boards.slug as boardSlug",
  "users.username as authorUsername",
] as const;

export type FeedPost = Awaited<ReturnType<typeof listBoardFeedPosts>>[number];

/** A board's newest live posts, blinded ones left out: a feed is read by anyone, as a logged-out reader would. */
export async function listBoardFeedPosts(db: Kysely<Database>, boardId: number) {
  return selectPostsWithPlace(db)
    .innerJoin("users", "users.id", "posts.author_id")
    .select(FEED_COLUMNS)
    .where("posts.board_id", "=", boardId)
    .where(isLive("posts"))
    .where("posts.blinded_at", "is", null)
    .orderBy("posts.id", "desc")
    .limit(FEED_ENTRY_COUNT)
    .execute();
}

/** The top of the HOT ranking, in its order. */
export async function listHotFeedPosts(db: Kysely<Database>): Promise<FeedPost[]> {
  return rankedPosts(db)
    .innerJoin("users", "users.id", "posts.author_id")
    .select(FEED_COLUMNS)
    .orderBy("hot_posts.place")
    .limit(FEED_ENTRY_COUNT)
    .execute();
}

/** The posts as Atom entries with absolute links; an anonymous post's entry carries no author at all. */
export function feedEntries(posts: FeedPost[], origin: string): AtomEntry[] {
  return posts.map((post) => ({
    title: post.title,
    url: `${origin}/${post.boardSlug}/${post.id}`,
    bodyHtml: post.bodyHtml,
    createdAt: Number(post.createdAt),
    updatedAt: Number(post.updatedAt),
    authorName: post.isAnonymous === 1 ? null : post.authorUsername,
  }));
}
