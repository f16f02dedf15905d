import { sql } from "kysely";
import * as anonymityPerRow from "../../migrations/20261129120000_anonymity_per_row";
import { ANONYMOUS_NAME } from "~/models/permissions";
import { action as boardsAction } from "~/routes/admin.boards";
import { action as boardAction } from "~/routes/admin.boards_.$slug";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { action as writeAction } from "~/routes/$board.write";
import { createTestDb } from "../helpers/db";
import { callRoute, createUser, formPost, ofKind, pageGet, sessionCookieFor } from "./support/board-fixtures";

// Whether a post or comment hides its author is fixed when it is written: turning the board's 익명 setting off (or
// on) changes only what is written afterwards.

// These tests write the same posts and comments quickly; the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();

interface Member {
  username: string;
  cookie: string;
}

let writer: Member;
let replier: Member;
let admin: Member;

async function member(username: string, role: "member" | "admin" = "member"): Promise<Member> {
  return { username, cookie: await sessionCookieFor(db, await createUser(db, username, role)) };
}

beforeAll(async () => {
  writer = await member("writer");
  replier = await member("replier");
  admin = await member("boss", "admin");
});

async function createBoard(slug: string, anonymous: boolean) {
  const fields = { slug, name: `${slug} 게시판`, ...(anonymous ? { isAnonymous: "1" } : {}) };
  expect((await callRoute(db, boardsAction, formPost("/admin/boards", fields, admin.cookie))).status).toBe(303);
  const category = { intent: "add-category", slug: "free", name: "자유", position: "0" };
  const added = await callRoute(db, boardAction, formPost(`/admin/boards/${slug}`, category, admin.cookie), { slug });
  expect(added.status).toBe(303);
}

async function setAnonymous(slug: string, anonymous: boolean) {
  const fields = { intent: "update-board", name: `${slug} 게시판`, ...(anonymous ? { isAnonymous: "1" } : {}) };
  const answer = await callRoute(db, boardAction, formPost(`/admin/boards/${slug}`, fields, admin.cookie), { slug });
  expect(answer.status).toBe(303);
}

async function writePost(board: string): Promise<number> {
  const fields = { category: "free", title: "글", body: "본문", intent: "save" };
  const answer = await callRoute(db, writeAction, formPost(`/${board}/write`, fields, writer.cookie), { board });
  expect(answer.status).toBe(303);
  return Number(/\/(\d+)$/.exec(answer.headers.get("Location")!)![1]);
}

/** The writer answers their own post and the replier comments: two comments. */
async function comment(board: string, postId: number) {
  for (const { cookie } of [writer, replier]) {
    const fields = { intent: "comment", body: "댓글" };
    const request = formPost(`/${board}/${postId}`, fields, cookie);
    expect((await callRoute(db, postAction, request, { board, postId: String(postId) })).status).toBe(303);
  }
}

interface Shown {
  post: string;
  comments: [name: string, isPostAuthor: boolean][];
}

/** What the post page and the comment loader hand a reader (the same data hydrates the page). */
async function shown(board: string, postId: number, cookie?: string): Promise<Shown & { pageData: string }> {
  const params = { board, postId: String(postId) };
  const page = await callRoute(db, postPage, pageGet(`/${board}/${postId}`, cookie), params);
  const since = await callRoute(db, commentsLoader, pageGet(`/${board}/${postId}/comments?since=0`, cookie), params);
  const comments = ofKind(since.data, "since").comments.map((c) => [c.authorName, c.isPostAuthor] as [string, boolean]);
  const threads = page.data.comments.threads.map((c) => [c.authorName, c.isPostAuthor]);
  expect(threads).toEqual(comments);
  return { post: page.data.post.authorName, comments, pageData: JSON.stringify([page.data, since.data]) };
}

const anonymousThread: Shown = {
  post: ANONYMOUS_NAME,
  comments: [
    [ANONYMOUS_NAME, true],
    [ANONYMOUS_NAME, false],
  ],
};
const namedThread: Shown = {
  post: "writer",
  comments: [
    ["writer", true],
    ["replier", false],
  ],
};

/** Each reader but admins sees `expected`; `hidden` names appear nowhere in the data the page hydrates from. */
async function expectShown(board: string, postId: number, expected: Shown, hidden: string[] = []) {
  for (const cookie of [undefined, writer.cookie, replier.cookie]) {
    const { pageData, ...names } = await shown(board, postId, cookie);
    expect(names).toEqual(expected);
    for (const name of hidden) expect(pageData).not.toContain(name);
  }
}

describe("a board's 익명 setting", () => {
  it("turned off keeps earlier posts and comments anonymous and names later ones", async () => {
    await createBoard("secret", true);
    const before = await writePost("secret");
    await comment("secret", before);
    await setAnonymous("secret", false);

    await expectShown("secret", before, anonymousThread, ["writer", "replier"]);
    const after = await writePost("secret");
    await comment("secret", after);
    await expectShown("secret", after, namedThread);
    const { pageData, ...forAdmin } = await shown("secret", before, admin.cookie);
    expect(forAdmin).toEqual(namedThread);
    expect(pageData).toContain("writer");
  });

  it("turned on keeps earlier posts and comments named and hides later ones", async () => {
    await createBoard("open", false);
    const before = await writePost("open");
    await comment("open", before);
    await setAnonymous("open", true);

    await expectShown("open", before, namedThread);
    const after = await writePost("open");
    await comment("open", after);
    await expectShown("open", after, anonymousThread, ["writer", "replier"]);
  });

  it("gives a comment the setting of its own time; 글쓴이 is not shown across the change, which would tie a name to an anonymous row", async () => {
    await createBoard("mixed", true);
    const anonymousPost = await writePost("mixed");
    await setAnonymous("mixed", false);
    await comment("mixed", anonymousPost);
    await expectShown("mixed", anonymousPost, {
      post: ANONYMOUS_NAME,
      comments: [
        ["writer", false],
        ["replier", false],
      ],
    });

    const namedPost = await writePost("mixed");
    await setAnonymous("mixed", true);
    await comment("mixed", namedPost);
    await expectShown(
      "mixed",
      namedPost,
      {
        post: "writer",
        comments: [
          [ANONYMOUS_NAME, false],
          [ANONYMOUS_NAME, false],
        ],
      },
      ["replier"],
    );
  });

  it("is refused by the database as a row flag other than 0 or 1", async () => {
    const [post] = await db.selectFrom("posts").select("id").limit(1).execute();
    await expect(db.updateTable("posts").set({ is_anonymous: 2 }).where("id", "=", post.id).execute()).rejects.toThrow(
      /check constraint/i,
    );
    await expect(db.updateTable("comments").set({ is_anonymous: -1 }).execute()).rejects.toThrow(/check constraint/i);
  });
});

describe("the anonymity migration", () => {
  // Its own database, taken back to before this migration, so the migration meets rows that already exist.
  const old = createTestDb();

  it("gives existing posts and comments their board's setting", async () => {
    await anonymityPerRow.down(old);
    const { id: authorId } = await old
      .insertInto("users")
      .values({ username: "old", password_hash: "x", created_at: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [slug, isAnonymous] of [
      ["square", 1],
      ["talk", 0],
    ] as const) {
      const board = await old
        .insertInto("boards")
        .values({ slug, name: slug, is_anonymous: isAnonymous, created_at: 0 })
        .returning("id")
        .executeTakeFirstOrThrow();
      // Written as SQL: before the migration, posts and comments have no flag for the typed builder to leave out.
      const { rows } = await sql<{ id: number }>`insert into posts
        (board_id, author_id, title, body_md, body_html, created_at, updated_at)
        values (${board.id}, ${authorId}, ${slug}, '', '', 0, 0) returning id`.execute(old);
      await sql`insert into comments (post_id, author_id, body, created_at)
        values (${rows[0].id}, ${authorId}, ${slug}, 0)`.execute(old);
    }
    await anonymityPerRow.up(old);
    expect(await old.selectFrom("posts").select(["title", "is_anonymous"]).orderBy("title").execute()).toEqual([
      { title: "square", is_anonymous: 1 },
      { title: "talk", is_anonymous: 0 },
    ]);
    expect(await old.selectFrom("comments").select(["body", "is_anonymous"]).orderBy("body").execute()).toEqual([
      { body: "square", is_anonymous: 1 },
      { body: "talk", is_anonymous: 0 },
    ]);
  });
});
