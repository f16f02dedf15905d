import SQLite from "better-sqlite3";
import { randomBytes } from "node:crypto";

/** What the bench needs from a bench:data database: targets for each route and a logged-in member. */
export interface BenchFixtures {
  boardSlug: string;
  categorySlug: string;
  postPath: string;
  sessionId: string;
  /** The page the `?page=2000` request really shows: the list clamps to its last page on small databases. */
  deepPage: number;
  postCount: number;
}

const SESSION_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const POSTS_PER_PAGE = 20;

/** Reads the targets and inserts a fresh session for a member (lucia stores the cookie's id as is). */
export function prepareFixtures(path: string, requestedDeepPage: number): BenchFixtures {
  const sqlite = new SQLite(path);
  try {
    const board = sqlite
      .prepare("select id, slug, post_count as postCount from boards order by post_count desc limit 1")
      .get() as { id: number; slug: string; postCount: number };
    const category = sqlite
      .prepare("select slug from categories where board_id = ? and admin_only = 0 order by post_count desc limit 1")
      .get(board.id) as { slug: string };
    const member = sqlite.prepare("select id from users where role = 'member' order by id limit 1").get() as {
      id: number;
    };
    const post = sqlite
      .prepare(
        "select id from posts where board_id = ? and deleted_at is null and notice_scope = 'none' and author_id <> ? order by id desc limit 1",
      )
      .get(board.id, member.id) as { id: number };
    const sessionId = randomBytes(20).toString("hex");
    sqlite
      .prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)")
      .run(sessionId, member.id, Date.now() + SESSION_LIFETIME_MS);
    const postCount = (sqlite.prepare("select count(*) as n from posts").get() as { n: number }).n;
    return {
      boardSlug: board.slug,
      categorySlug: category.slug,
      postPath: `/${board.slug}/${post.id}`,
      sessionId,
      deepPage: Math.min(requestedDeepPage, Math.ceil(board.postCount / POSTS_PER_PAGE)),
      postCount,
    };
  } finally {
    sqlite.close();
  }
}
