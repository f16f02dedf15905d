import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import { sql, type Kysely } from "kysely";
import { isPostgresUrl, withDatabase } from "#db/connection";
import { searchIndexOf } from "#db/search";
import { parseSearchQuery } from "~/lib/search-text";
import type { Database } from "#db/types";

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
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The newest posts are dated into the last 24 hours before each run, in their order, so that /hot ranks a busy day
 * (the generated history ends in 2025, and the server ranks at start-up): a thousand posts a day is about twice the
 * source board's rate.
 */
const POSTS_OF_THE_DAY = 1_000;
const POSTS_PER_PAGE = 20;
/** The bench member's notifications: two and a half pages, the newest unread. */
const BENCH_NOTIFICATIONS = 50;
const BENCH_UNREAD = 10;

/** `--db` is a SQLite file path or a PostgreSQL URL; the server and fixtures take it as a DATABASE_URL. */
export function benchDatabaseUrl(db: string): string {
  return isPostgresUrl(db) ? db : `file:${db}`;
}

/** A short name for result files: the file's name without `.db`, or the PostgreSQL database's name. */
export function benchDatabaseName(db: string): string {
  return isPostgresUrl(db) ? `pg-${new URL(db).pathname.slice(1)}` : basename(db, ".db");
}

/**
 * Gives the member BENCH_NOTIFICATIONS comment notifications on as many recent posts (replacing any from an
 * earlier run), the newest BENCH_UNREAD unread, with the unread counter to match.
 */
async function seedNotifications(database: Kysely<Database>, memberId: number) {
  const comments = await database
    .selectFrom("comments")
    .select(["id", "post_id"])
    .orderBy("id", "desc")
    .limit(BENCH_NOTIFICATIONS * 20)
    .execute();
  const latestPerPost = [...new Map(comments.map((c) => [c.post_id, c.id])).entries()].slice(0, BENCH_NOTIFICATIONS);
  const now = Date.now();
  await database.transaction().execute(async (trx) => {
    await trx.deleteFrom("notifications").where("recipient_id", "=", memberId).execute();
    await trx
      .insertInto("notifications")
      .values(
        latestPerPost.map(([postId, commentId], i) => ({
          recipient_id: memberId,
          kind: "comment" as const,
          post_id: postId,
          comment_id: commentId,
          event_count: 1 + (i % 3),
          actor_name: "벤치 회원",
          created_at: now - i * 60_000,
          updated_at: now - i * 60_000,
          read_at: i < BENCH_UNREAD ? null : now,
        })),
      )
      .execute();
    const unread = Math.min(BENCH_UNREAD, latestPerPost.length);
    await trx.updateTable("users").set({ unread_notifications: unread }).where("id", "=", memberId).execute();
  });
}

/** Reads the targets and inserts a fresh session for a member (lucia stores the cookie's id as is). */
export function prepareFixtures(db: string, requestedDeepPage: number): Promise<BenchFixtures> {
  return withDatabase(benchDatabaseUrl(db), async (database) => {
    const board = await database
      .selectFrom("boards")
      .select(["id", "slug", "post_count"])
      .orderBy("post_count", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const category = await database
      .selectFrom("categories")
      .select("slug")
      .where("board_id", "=", board.id)
      .where("admin_only", "=", 0)
      .orderBy("post_count", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const member = await database
      .selectFrom("users")
      .select("id")
      .where("role", "=", "member")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    const post = await database
      .selectFrom("posts")
      .select("id")
      .where("board_id", "=", board.id)
      .where("deleted_at", "is", null)
      .where("notice_scope", "=", "none")
      .where("author_id", "<>", member.id)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const { maxId } = await database
      .selectFrom("posts")
      .select((eb) => eb.fn.max("id").as("maxId"))
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const spacing = Math.floor(DAY_MS / POSTS_OF_THE_DAY);
    const dated = sql<number>`${now} - (${Number(maxId)} - id) * ${spacing} - 1000`;
    await database
      .updateTable("posts")
      .set({ created_at: dated, updated_at: dated })
      .where("id", ">", Number(maxId) - POSTS_OF_THE_DAY)
      .execute();
    await seedNotifications(database, member.id);
    const sessionId = randomBytes(20).toString("hex");
    await database
      .insertInto("sessions")
      .values({ id: sessionId, user_id: member.id, expires_at: Date.now() + SESSION_LIFETIME_MS })
      .execute();
    const { postCount } = await database
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("postCount"))
      .executeTakeFirstOrThrow();
    return {
      boardSlug: board.slug,
      categorySlug: category.slug,
      postPath: `/${board.slug}/${post.id}`,
      sessionId,
      deepPage: Math.min(requestedDeepPage, Math.ceil(board.post_count / POSTS_PER_PAGE)),
      postCount,
    };
  });
}

/** How many posts (or, for the comment scope, comments) each search's terms match in the index, on every board. */
export function searchFrequencies(db: string, searches: readonly { query: string; scope: string }[]) {
  return withDatabase(benchDatabaseUrl(db), async (database) => {
    const index = searchIndexOf(database);
    const { commentTotal } = await database
      .selectFrom("comments")
      .select((eb) => eb.fn.countAll<number>().as("commentTotal"))
      .executeTakeFirstOrThrow();
    return Promise.all(
      searches.map(async ({ query, scope }) => {
        const terms = parseSearchQuery(query);
        const hits = scope === "comment" ? index.commentHits(terms) : index.postHits(terms, "title_body");
        const { n } = await database
          .selectFrom(hits)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        return { query, scope, matches: Number(n), commentTotal: Number(commentTotal) };
      }),
    );
  });
}
