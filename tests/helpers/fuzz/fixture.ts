import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { createAccount } from "~/auth/accounts.server";
import { addComment } from "~/models/comments.server";
import { addNotice } from "~/models/notices.server";
import { reportItem } from "~/models/reports.server";
import { addScrap } from "~/models/scraps.server";
import { createTestBoard, createTestPost } from "../../integration/support/board-fixtures";
import { MEMBER_PASSWORD, type World } from "./values";

/** The users the fuzzer acts as (a visitor needs none). */
export interface FuzzUsers {
  member: number;
  admin: number;
}

async function createMember(db: Kysely<Database>, username: string): Promise<number> {
  const created = await createAccount(db, { username, password: MEMBER_PASSWORD });
  if (!created.ok) throw new Error(`could not create ${username}: ${JSON.stringify(created.fieldErrors)}`);
  return created.userId;
}

/**
 * What the fuzzer needs to get past "not found": a member and an admin who know their password, a plain and an
 * anonymous board with an admin-only category, posts of both users, a notice, comments with replies, scraps.
 */
export async function createFuzzFixture(db: Kysely<Database>): Promise<FuzzUsers> {
  const member = await createMember(db, "fuzz_member");
  const admin = await createMember(db, "fuzz_admin");
  await db.updateTable("users").set({ role: "admin" }).where("id", "=", admin).execute();
  const categories = [
    { slug: "talk", name: "잡담" },
    { slug: "event", name: "이벤트" },
  ];
  const boards = [await createTestBoard(db, "fuzz", categories), await createTestBoard(db, "fuzz-anon", categories)];
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", boards[1].id).execute();
  await db.updateTable("categories").set({ admin_only: 1 }).where("slug", "=", "event").execute();
  for (const board of boards) {
    for (const [n, authorId] of [member, member, member, member, admin, admin].entries()) {
      const postId = await createTestPost(db, board, {
        authorId,
        title: `퍼즈 글 ${n}`,
        category: n % 2 ? "talk" : undefined,
      });
      const first = await addComment(db, { postId, authorId: member, body: "댓글", parentId: null });
      if (first.ok) await addComment(db, { postId, authorId: admin, body: "답글", parentId: first.commentId });
      if (n === 0) await addNotice(db, postId, "board", admin);
      // A reported post, so the report queue has an item to act on.
      if (n === 1)
        await reportItem(db, { item: { kind: "post", postId }, reporterId: admin, reason: "spam", detail: "" });
      if (n < 2) await addScrap(db, member, postId);
    }
  }
  return { member, admin };
}

const RECENT = 20;

/** What references in fuzzed values resolve to now: the newest boards, posts (deleted too), comments, categories, users. */
export async function worldOf(db: Kysely<Database>): Promise<World> {
  const [boards, posts, comments, categories, users] = await Promise.all([
    db.selectFrom("boards").select("slug").orderBy("id", "desc").limit(RECENT).execute(),
    db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .select(["posts.id", "boards.slug"])
      .orderBy("posts.id", "desc")
      .limit(RECENT)
      .execute(),
    db.selectFrom("comments").select("id").orderBy("id", "desc").limit(RECENT).execute(),
    db.selectFrom("categories").select(["id", "slug"]).orderBy("id", "desc").limit(RECENT).execute(),
    db.selectFrom("users").select("username").orderBy("id", "desc").limit(RECENT).execute(),
  ]);
  return {
    board: boards.map((b) => b.slug),
    post: posts.map((p) => String(p.id)),
    boardOfPost: posts.map((p) => p.slug),
    comment: comments.map((c) => String(c.id)),
    category: categories.map((c) => c.slug),
    categoryId: categories.map((c) => String(c.id)),
    username: users.map((u) => u.username),
  };
}
