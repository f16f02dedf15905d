import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { isLive } from "./post-queries.server";

/**
 * Post ids per sitemap file. Search engines take up to 50,000 (sitemaps.org), but a page's cost (its rows, their XML,
 * gzip) grows with its size and holds a worker meanwhile: at 1M posts 50,000 ids took 1,131 ms at p50 and 5,000 ids
 * 72 ms (npm run bench); 1,000 ids is about 100 KB of XML, and a million posts need 1,000 of the 50,000 files an
 * index may name.
 */
export const SITEMAP_PAGE_SIZE = 1_000;

/**
 * How many post sitemaps there are: page n lists the live posts whose ids fall in its own range of
 * SITEMAP_PAGE_SIZE ids, so the index costs one look at the largest id and a page one range of the primary key,
 * however many posts there are. A page of deleted posts is listed empty rather than renumbering the others.
 */
export async function countPostSitemapPages(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("posts")
    .select((eb) => eb.fn.max("id").as("maxId"))
    .executeTakeFirst();
  return Math.ceil(Number(row?.maxId ?? 0) / SITEMAP_PAGE_SIZE);
}

export interface SitemapPost {
  id: number;
  boardSlug: string;
  updatedAt: number;
}

/** The posts of sitemap page `page` (from 1) that anyone may read: neither deleted nor blinded. */
export async function listSitemapPosts(db: Kysely<Database>, page: number): Promise<SitemapPost[]> {
  return db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .select(["posts.id", "boards.slug as boardSlug", "posts.updated_at as updatedAt"])
    .where("posts.id", ">", (page - 1) * SITEMAP_PAGE_SIZE)
    .where("posts.id", "<=", page * SITEMAP_PAGE_SIZE)
    .where(isLive("posts"))
    .where("posts.blinded_at", "is", null)
    .orderBy("posts.id")
    .execute();
}
