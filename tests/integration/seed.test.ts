import { sql } from "kysely";
import { seedDemoData } from "#db/seed";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

const KST = 9 * 60 * 60 * 1000;

/** Posts 399628..399609 and the comment count the page shows after each title. */
const LISTED_COMMENT_COUNTS: Record<number, number> = {
  399628: 0,
  399627: 0,
  399626: 2,
  399625: 2,
  399624: 2,
  399623: 10,
  399622: 26,
  399621: 8,
  399620: 55,
  399619: 124,
  399618: 8,
  399617: 30,
  399616: 15,
  399615: 16,
  399614: 2,
  399613: 11,
  399612: 8,
  399611: 3,
  399610: 8,
  399609: 108,
};

describe("seedDemoData", () => {
  beforeAll(async () => {
    expect(await seedDemoData(db)).toBe(true);
  });

  it("seeds only once", async () => {
    expect(await seedDemoData(db)).toBe(false);
    const { n } = await db
      .selectFrom("boards")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(2);
  });

  it("creates the anonymous square board with its categories and a named second board", async () => {
    const boards = await db.selectFrom("boards").select(["slug", "name", "is_anonymous"]).orderBy("position").execute();
    expect(boards).toEqual([
      { slug: "square", name: "스퀘어", is_anonymous: 1 },
      { slug: "talk", name: "토크", is_anonymous: 0 },
    ]);
    const categories = await db
      .selectFrom("categories")
      .innerJoin("boards", "boards.id", "categories.board_id")
      .where("boards.slug", "=", "square")
      .select(["categories.slug", "categories.name", "categories.admin_only", "categories.notice_badge"])
      .orderBy("categories.position")
      .execute();
    expect(categories).toEqual([
      { slug: "news", name: "기사/뉴스", admin_only: 0, notice_badge: null },
      { slug: "politics", name: "정치", admin_only: 0, notice_badge: null },
      { slug: "info", name: "정보", admin_only: 0, notice_badge: null },
      { slug: "tips", name: "팁/유용/추천", admin_only: 0, notice_badge: null },
      { slug: "event", name: "이벤트", admin_only: 1, notice_badge: "이벤트" },
    ]);
  });

  it("stores the Kakao article with its views, category, time, image and source link", async () => {
    const post = await db
      .selectFrom("posts")
      .innerJoin("categories", "categories.id", "posts.category_id")
      .where("posts.id", "=", 399629)
      .select([
        "posts.title",
        "posts.view_count",
        "posts.comment_count",
        "posts.created_at",
        "posts.body_html",
        "categories.slug",
      ])
      .executeTakeFirstOrThrow();
    expect(post.title).toBe("[단독] 카카오, 내년부터 이용패턴·기록 사실상 강제수집");
    expect(post.slug).toBe("news");
    expect(post.view_count).toBe(3382);
    expect(post.comment_count).toBe(45);
    expect(new Date(post.created_at + KST).toISOString()).toBe("2025-12-19T10:10:00.000Z");
    expect(post.body_html).toMatch(/<img [^>]*src="https:\/\/img\.theqoo\.net\/RyCkle"/);
    expect(post.body_html).toContain('href="https://n.news.naver.com/article/374/0000481544?sid=101"');
    expect(post.body_html).toContain("7일 후 거부의사없으면 동의");
  });

  it("threads a few replies under earlier comments of the Kakao article", async () => {
    const replies = await db
      .selectFrom("comments as reply")
      .innerJoin("comments as parent", "parent.id", "reply.parent_id")
      .where("reply.post_id", "=", 399629)
      .select([
        "reply.id",
        "reply.created_at",
        "parent.id as parentId",
        "parent.post_id as parentPostId",
        "parent.created_at as parentCreatedAt",
      ])
      .execute();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply.parentPostId).toBe(399629);
      expect(reply.parentId).toBeLessThan(reply.id);
      expect(reply.parentCreatedAt).toBeLessThan(reply.created_at);
    }
  });

  it("seeds the page's 11 square notices with site-wide and board scopes in page order", async () => {
    const notices = await db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .leftJoin("categories", "categories.id", "posts.category_id")
      .where("boards.slug", "=", "square")
      .where("posts.notice_scope", "<>", "none")
      .select([
        "posts.id",
        "posts.notice_scope",
        "categories.slug as category",
        "posts.comment_count",
        "posts.view_count",
      ])
      .orderBy("posts.notice_order")
      .execute();
    expect(notices.map((n) => [n.notice_scope, n.category, n.comment_count])).toEqual([
      ["board", "event", 858],
      ["global", null, 0],
      ["global", null, 0],
      ["global", null, 0],
      ["global", null, 0],
      ["board", "politics", 0],
      ["board", "info", 781],
      ["board", "info", 266],
      ["board", "tips", 3590],
      ["board", "tips", 4012],
      ["board", "tips", 1236],
    ]);
    expect(notices[4].view_count).toBe(34379827);
  });

  it("gives the second board a board-scoped notice of its own", async () => {
    const notices = await db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .where("boards.slug", "=", "talk")
      .where("posts.notice_scope", "<>", "none")
      .select("posts.notice_scope")
      .execute();
    expect(notices).toEqual([{ notice_scope: "board" }]);
  });

  it("stores the listed posts with their numbers and shown comment counts", async () => {
    const posts = await db
      .selectFrom("posts")
      .where("id", ">=", 399609)
      .where("id", "<=", 399628)
      .select(["id", "comment_count"])
      .execute();
    expect(Object.fromEntries(posts.map((p) => [p.id, p.comment_count]))).toEqual(LISTED_COMMENT_COUNTS);
  });

  it("keeps every post's comment_count equal to its live comments", async () => {
    const mismatches = await db
      .selectFrom("posts")
      .select(["posts.id", "posts.comment_count"])
      .where(({ eb, selectFrom }) =>
        eb(
          "posts.comment_count",
          "<>",
          selectFrom("comments")
            .select((c) => c.fn.countAll<number>().as("n"))
            .whereRef("comments.post_id", "=", "posts.id")
            .where("comments.deleted_at", "is", null),
        ),
      )
      .execute();
    expect(mismatches).toEqual([]);
  });

  it("keeps board and category post counts equal to their live posts", async () => {
    const { rows } = await sql<{ kind: string; id: number }>`
      select 'board' as kind, b.id from boards b
       where b.post_count <> (select count(*) from posts p where p.board_id = b.id and p.deleted_at is null)
      union all
      select 'category', c.id from categories c
       where c.post_count <> (select count(*) from posts p where p.category_id = c.id and p.deleted_at is null)
    `.execute(db);
    expect(rows).toEqual([]);
    const square = await db
      .selectFrom("boards")
      .where("slug", "=", "square")
      .select("post_count")
      .executeTakeFirstOrThrow();
    expect(square.post_count).toBe(32);
  });

  it("creates every comment after its post, oldest first by id", async () => {
    const { rows } = await sql<{ id: number }>`
      select id from (
        select c.id, c.created_at, p.created_at as post_created_at,
               lag(c.created_at) over (partition by c.post_id order by c.id) as previous_created_at
          from comments c join posts p on p.id = c.post_id
      ) as ordered
       where created_at <= post_created_at or created_at < previous_created_at
    `.execute(db);
    expect(rows).toEqual([]);
  });

  it("gives demo users a password hash no login can match", async () => {
    const users = await db.selectFrom("users").select(["username", "password_hash"]).execute();
    expect(users.length).toBeGreaterThan(2);
    for (const user of users) {
      expect(user.username).toMatch(/^[a-z0-9_]{3,20}$/);
      expect(user.password_hash).toBe("!demo-no-login");
    }
  });
});
