import type { Insertable, Kysely, Transaction } from "kysely";
import { renderPost } from "../app/lib/markdown.server";
import { isLive } from "../app/models/post-queries.server";
import { rebuildSearchIndex } from "../app/models/search-index.server";
import {
  DEMO_ACCOUNTS_CREATED_AT,
  DEMO_BOARDS,
  DEMO_MEMBERS,
  DEMO_NOTICE_REPLIES,
  DEMO_PASSWORD_HASH,
  DEMO_POSTS,
  DEMO_REACTIONS,
  DEMO_SNAPSHOT_AT,
  DEMO_STAFF,
  type DemoPost,
} from "./demo-data";
import { resetIdSequences } from "./engine";
import type { CommentsTable, Database } from "./types";

// 500 rows x 6 columns stays far below SQLite's bound-parameter limit.
const COMMENT_INSERT_CHUNK = 500;

/** Fills an empty database with the demo boards, posts and comments; does nothing once any board exists. */
export async function seedDemoData(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const anyBoard = await trx.selectFrom("boards").select("id").limit(1).executeTakeFirst();
    if (anyBoard) return false;

    const userIds = await insertDemoUsers(trx);
    const placeOf = await insertDemoBoards(trx);
    await insertDemoPosts(trx, userIds, placeOf);
    await insertDemoComments(trx, userIds, placeOf);
    await rebuildSearchIndex(trx);
    await resetIdSequences(trx, ["posts", "comments"]);
    await recountCounters(trx);
    return true;
  });
}

/** "2025-12-19 10:10" Korean time (UTC+9) as epoch milliseconds. */
function koreanTimeToEpochMs(koreanTime: string): number {
  const ms = Date.parse(`${koreanTime.replace(" ", "T")}:00+09:00`);
  if (Number.isNaN(ms)) throw new Error(`Invalid demo time: ${koreanTime}`);
  return ms;
}

async function insertDemoUsers(trx: Transaction<Database>): Promise<Map<string, number>> {
  const createdAt = koreanTimeToEpochMs(DEMO_ACCOUNTS_CREATED_AT);
  const rows = await trx
    .insertInto("users")
    .values([
      { username: DEMO_STAFF, password_hash: DEMO_PASSWORD_HASH, role: "admin" as const, created_at: createdAt },
      ...DEMO_MEMBERS.map((username) => ({
        username,
        password_hash: DEMO_PASSWORD_HASH,
        role: "member" as const,
        created_at: createdAt,
      })),
    ])
    .returning(["id", "username"])
    .execute();
  return new Map(rows.map((r) => [r.username, r.id]));
}

interface Place {
  boardId: number;
  /** The board's 익명 setting, which its demo posts and comments were written under. */
  isAnonymous: number;
  categoryIds: Map<string, number>;
}

async function insertDemoBoards(trx: Transaction<Database>): Promise<Map<string, Place>> {
  const createdAt = koreanTimeToEpochMs(DEMO_ACCOUNTS_CREATED_AT);
  const places = new Map<string, Place>();
  for (const [boardIndex, board] of DEMO_BOARDS.entries()) {
    const isAnonymous = board.isAnonymous ? 1 : 0;
    const { id: boardId } = await trx
      .insertInto("boards")
      .values({
        slug: board.slug,
        name: board.name,
        description: board.description,
        is_anonymous: isAnonymous,
        position: boardIndex + 1,
        created_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const categories = await trx
      .insertInto("categories")
      .values(
        board.categories.map((category, categoryIndex) => ({
          board_id: boardId,
          slug: category.slug,
          name: category.name,
          position: categoryIndex + 1,
          admin_only: category.adminOnly ? 1 : 0,
          notice_badge: category.noticeBadge ?? null,
        })),
      )
      .returning(["id", "slug"])
      .execute();
    places.set(board.slug, { boardId, isAnonymous, categoryIds: new Map(categories.map((c) => [c.slug, c.id])) });
  }
  return places;
}

function authorOf(post: DemoPost, index: number, userIds: Map<string, number>): number {
  const username = post.notice ? DEMO_STAFF : DEMO_MEMBERS[index % DEMO_MEMBERS.length];
  return userIds.get(username)!;
}

async function insertDemoPosts(
  trx: Transaction<Database>,
  userIds: Map<string, number>,
  placeOf: Map<string, Place>,
): Promise<void> {
  await trx
    .insertInto("posts")
    .values(
      DEMO_POSTS.map((post, index) => {
        const place = placeOf.get(post.board)!;
        const createdAt = koreanTimeToEpochMs(post.at);
        const body = renderPost(post.bodyMd);
        return {
          id: post.id,
          board_id: place.boardId,
          category_id: post.category === null ? null : place.categoryIds.get(post.category)!,
          author_id: authorOf(post, index, userIds),
          title: post.title,
          body_md: post.bodyMd,
          body_html: body.html,
          has_images: body.hasImages ? 1 : 0,
          is_anonymous: place.isAnonymous,
          view_count: post.views,
          notice_scope: post.notice?.scope ?? "none",
          notice_order: post.notice?.order ?? 0,
          created_at: createdAt,
          updated_at: createdAt,
        };
      }),
    )
    .execute();
}

/** Comments spread evenly between their post and the snapshot, so ids and times rise together within a post. */
function demoCommentsOf(
  post: DemoPost,
  firstId: number,
  userIds: Map<string, number>,
  place: Place,
): Insertable<CommentsTable>[] {
  const start = koreanTimeToEpochMs(post.at);
  const span = koreanTimeToEpochMs(DEMO_SNAPSHOT_AT) - start;
  const pool = post.notice ? DEMO_NOTICE_REPLIES : DEMO_REACTIONS;
  const scripted = post.scriptedComments ?? [];
  return Array.from({ length: post.commentCount }, (_, i) => {
    const script = scripted[i];
    return {
      id: firstId + i,
      post_id: post.id,
      author_id: userIds.get(DEMO_MEMBERS[(post.id + i * 3) % DEMO_MEMBERS.length])!,
      parent_id: script?.replyTo === undefined ? null : firstId + script.replyTo,
      body: script?.body ?? pool[(post.id + i * 7) % pool.length],
      is_anonymous: place.isAnonymous,
      created_at: start + Math.round(((i + 1) * span) / (post.commentCount + 1)),
    };
  });
}

async function insertDemoComments(
  trx: Transaction<Database>,
  userIds: Map<string, number>,
  placeOf: Map<string, Place>,
): Promise<void> {
  const { maxId } = await trx
    .selectFrom("comments")
    .select((eb) => eb.fn.max("id").as("maxId"))
    .executeTakeFirstOrThrow();
  let nextId = (maxId ?? 0) + 1;
  const rows: Insertable<CommentsTable>[] = [];
  for (const post of DEMO_POSTS) {
    rows.push(...demoCommentsOf(post, nextId, userIds, placeOf.get(post.board)!));
    nextId += post.commentCount;
  }
  for (let i = 0; i < rows.length; i += COMMENT_INSERT_CHUNK) {
    await trx
      .insertInto("comments")
      .values(rows.slice(i, i + COMMENT_INSERT_CHUNK))
      .execute();
  }
}

/** Derives every counter from the rows themselves, so the seeded counts are exact by construction. */
async function recountCounters(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable("posts")
    .set((eb) => ({
      comment_count: eb
        .selectFrom("comments")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("comments.post_id", "=", "posts.id")
        .where(isLive("comments")),
    }))
    .execute();
  await trx
    .updateTable("boards")
    .set((eb) => ({
      post_count: eb
        .selectFrom("posts")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("posts.board_id", "=", "boards.id")
        .where(isLive("posts")),
    }))
    .execute();
  await trx
    .updateTable("categories")
    .set((eb) => ({
      post_count: eb
        .selectFrom("posts")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("posts.category_id", "=", "categories.id")
        .where(isLive("posts")),
    }))
    .execute();
}
