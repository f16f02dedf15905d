import { hotScore } from "~/lib/hot-score";
import { blockAuthor } from "~/models/blocks.server";
import { getHotListVersion } from "~/models/board-versions.server";
import { HOT_POSTS_PER_PAGE } from "~/models/hot-posts.server";
import { HOT_POSTS_PER_BOARD, refreshHotRanking } from "~/models/hot-ranking.server";
import { loader as boardHotPage } from "~/routes/$board.hot";
import { loader as postPage } from "~/routes/$board.$postId";
import { loader as frontPage } from "~/routes/_index";
import { loader as hotPage } from "~/routes/hot._index";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let authorId: number;
let square: TestBoard;
let talk: TestBoard;
/** Each test ranks at its own moment, days after the others, so earlier tests' posts are out of its 24 hours. */
let testNow = 1_900_000_000_000;

beforeAll(async () => {
  authorId = await createUser(db, "author");
  square = await createTestBoard(db, "square", [
    { slug: "news", name: "기사/뉴스" },
    { slug: "politics", name: "정치" },
  ]);
  talk = await createTestBoard(db, "talk");
});

beforeEach(() => {
  testNow += 10 * DAY;
});

interface Attention {
  title: string;
  ageHours: number;
  views?: number;
  comments?: number;
  scraps?: number;
  board?: TestBoard;
  category?: string;
  author?: number;
}

/** A live post written `ageHours` before testNow with these counters (the ranking reads the counters). */
async function hotPost(attention: Attention): Promise<number> {
  const id = await createTestPost(db, attention.board ?? square, {
    authorId: attention.author ?? authorId,
    title: attention.title,
    category: attention.category,
  });
  const createdAt = testNow - attention.ageHours * HOUR;
  await db
    .updateTable("posts")
    .set({
      created_at: createdAt,
      updated_at: createdAt,
      view_count: attention.views ?? 0,
      comment_count: attention.comments ?? 0,
      scrap_count: attention.scraps ?? 0,
    })
    .where("id", "=", id)
    .execute();
  return id;
}

async function storedRanking() {
  const rows = await db.selectFrom("hot_posts").select(["post_id", "place"]).orderBy("place").execute();
  return rows.map((r) => r.post_id);
}

async function hotTitles(path = "/hot", cookie?: string) {
  const answer = await callRoute(db, hotPage, pageGet(path, cookie));
  return payloadOf(answer).posts.map((p) => p.title);
}

describe("the HOT score", () => {
  it("weighs scraps over comments over views, and decays with age", () => {
    const base = { viewCount: 0, commentCount: 0, scrapCount: 0, createdAt: testNow };
    const scrap = hotScore({ ...base, scrapCount: 1 }, testNow);
    const comment = hotScore({ ...base, commentCount: 1 }, testNow);
    const view = hotScore({ ...base, viewCount: 1 }, testNow);
    expect(scrap).toBeGreaterThan(comment);
    expect(comment).toBeGreaterThan(view);
    expect(hotScore(base, testNow)).toBe(0);
    // Views count by their order of magnitude: a thousand views weigh about ten, not a thousand.
    expect(hotScore({ ...base, viewCount: 1023 }, testNow)).toBeCloseTo(10 * view, 10);

    const post = { ...base, viewCount: 100, commentCount: 5, scrapCount: 2 };
    const scores = [0, 1, 6, 12, 23].map((hours) => hotScore(post, testNow + hours * HOUR));
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]);
    // (age + 2)^1.5: at 2 hours old a post keeps (2/4)^1.5 of its new score.
    expect(scores[0] / hotScore(post, testNow + 2 * HOUR)).toBeCloseTo((4 / 2) ** 1.5, 10);
    // A post dated ahead of the clock counts as new.
    expect(hotScore({ ...post, createdAt: testNow + HOUR }, testNow)).toBe(scores[0]);
  });
});

describe("refreshHotRanking", () => {
  it("ranks the last 24 hours' live posts by score, newer first on ties, and lets older posts fall behind", async () => {
    const fresh = await hotPost({ title: "새 글", ageHours: 1, comments: 3 });
    const older = await hotPost({ title: "오래된 인기 글", ageHours: 10, comments: 10, views: 500 });
    const twin = await hotPost({ title: "같은 점수 새 글", ageHours: 1, comments: 3 });
    const unseen = await hotPost({ title: "아무도 안 본 글", ageHours: 1 });
    const stale = await hotPost({ title: "어제 글", ageHours: 25, comments: 100, scraps: 50 });

    expect(await refreshHotRanking(db, { now: testNow })).toBe("replaced");
    expect(await storedRanking()).toEqual([twin, fresh, older]);
    expect(await storedRanking()).not.toContain(unseen);
    expect(await storedRanking()).not.toContain(stale);

    // Six hours on, with no new attention, the post that drew more overtakes the newer ones.
    await refreshHotRanking(db, { now: testNow + 6 * HOUR });
    expect(await storedRanking()).toEqual([older, twin, fresh]);
    // And past its 24 hours a post leaves the ranking.
    await refreshHotRanking(db, { now: testNow + 20 * HOUR });
    expect(await storedRanking()).toEqual([twin, fresh]);
  });

  it("replaces the whole ranking each time, leaving out deleted, blinded posts and notices", async () => {
    const kept = await hotPost({ title: "남는 글", ageHours: 2, comments: 1 });
    const deleted = await hotPost({ title: "지울 글", ageHours: 2, comments: 5 });
    const blinded = await hotPost({ title: "블라인드될 글", ageHours: 2, comments: 5 });
    const notice = await hotPost({ title: "공지", ageHours: 2, comments: 9 });
    await db.updateTable("posts").set({ notice_scope: "board" }).where("id", "=", notice).execute();
    await refreshHotRanking(db, { now: testNow });
    // Equal scores: the newer post first.
    expect(await storedRanking()).toEqual([blinded, deleted, kept]);

    await db.updateTable("posts").set({ deleted_at: testNow }).where("id", "=", deleted).execute();
    await db.updateTable("posts").set({ blinded_at: testNow }).where("id", "=", blinded).execute();
    await refreshHotRanking(db, { now: testNow + 1000 });
    expect(await storedRanking()).toEqual([kept]);
  });

  it("keeps at most HOT_POSTS_PER_BOARD posts of each board", async () => {
    const many = Array.from({ length: HOT_POSTS_PER_BOARD + 5 }, (_, i) => ({
      board_id: talk.id,
      author_id: authorId,
      title: `토크 ${i}`,
      body_md: "본문",
      body_html: "<p>본문</p>",
      is_anonymous: 0,
      comment_count: 1 + i,
      created_at: testNow - HOUR,
      updated_at: testNow - HOUR,
    }));
    await db.insertInto("posts").values(many).execute();
    const other = await hotPost({ title: "스퀘어 글", ageHours: 1, comments: 1 });
    await refreshHotRanking(db, { now: testNow });
    const ranking = await db.selectFrom("hot_posts").select(["board_id", "post_id"]).execute();
    expect(ranking.filter((r) => r.board_id === talk.id)).toHaveLength(HOT_POSTS_PER_BOARD);
    expect(ranking.map((r) => r.post_id)).toContain(other);
  });

  it("skips the work when another run replaced the ranking within minIntervalMs, and runs again after", async () => {
    await hotPost({ title: "글", ageHours: 1, comments: 1 });
    expect(await refreshHotRanking(db, { now: testNow })).toBe("replaced");
    expect(await refreshHotRanking(db, { now: testNow + 10_000, minIntervalMs: 30_000 })).toBe("fresh");
    expect(await refreshHotRanking(db, { now: testNow + 30_000, minIntervalMs: 30_000 })).toBe("replaced");
    // A run that read earlier than the last replacement does not overwrite it with older counts…
    expect(await refreshHotRanking(db, { now: testNow + 29_000, minIntervalMs: 30_000 })).toBe("fresh");
    // …but a stamp from a clock far ahead does not stop the others.
    expect(await refreshHotRanking(db, { now: testNow - DAY, minIntervalMs: 30_000 })).toBe("replaced");
  });

  it("is harmless when several servers replace the ranking at the same moment", async () => {
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await hotPost({ title: `동시 ${i}`, ageHours: 1, comments: i + 1 }));
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => refreshHotRanking(db, { now: testNow })));
    expect(outcomes).toContain("replaced");
    expect(await storedRanking()).toEqual([...ids].reverse());
  });
});

describe("/hot and /<board>/hot", () => {
  it("show the ranking with each post's board, without the reader's excluded categories and blocked authors", async () => {
    const blockedAuthor = await createUser(db, "blocked-author");
    const reader = await createUser(db, "reader");
    const cookie = await sessionCookieFor(db, reader);
    await hotPost({ title: "뉴스", ageHours: 1, comments: 9, category: "news" });
    await hotPost({ title: "정치", ageHours: 1, comments: 8, category: "politics" });
    const blockedPost = await hotPost({ title: "차단된 사람 글", ageHours: 1, comments: 7, author: blockedAuthor });
    await hotPost({ title: "토크", ageHours: 1, comments: 6, board: talk });
    await refreshHotRanking(db, { now: testNow });

    const page = payloadOf(await callRoute(db, hotPage, pageGet("/hot")));
    expect(page.posts.map((p) => [p.title, p.boardName])).toEqual([
      ["뉴스", "square 게시판"],
      ["정치", "square 게시판"],
      ["차단된 사람 글", "square 게시판"],
      ["토크", "talk 게시판"],
    ]);
    expect(JSON.stringify(page)).not.toContain("authorId");

    expect(await hotTitles("/hot?exclude=politics")).toEqual(["뉴스", "차단된 사람 글", "토크"]);
    expect(payloadOf(await callRoute(db, hotPage, pageGet("/hot?exclude=politics"))).excludedCategories).toEqual([
      { slug: "politics", name: "정치" },
    ]);
    expect(await blockAuthor(db, reader, { postId: blockedPost, commentId: null })).toBe("blocked");
    expect(await hotTitles("/hot", cookie)).toEqual(["뉴스", "정치", "토크"]);

    const boardPage = await callRoute(db, boardHotPage, pageGet("/talk/hot"), { board: "talk" });
    expect(payloadOf(boardPage).list.posts.map((p) => p.title)).toEqual(["토크"]);
    const missing = await callRoute(db, boardHotPage, pageGet("/nowhere/hot"), { board: "nowhere" });
    expect(missing.status).toBe(404);
  });

  it("drops a post deleted or blinded since the last ranking at once", async () => {
    const deleted = await hotPost({ title: "지워질 글", ageHours: 1, comments: 3 });
    const blinded = await hotPost({ title: "가려질 글", ageHours: 1, comments: 2 });
    await hotPost({ title: "남는 글", ageHours: 1, comments: 1 });
    await refreshHotRanking(db, { now: testNow });
    await db.updateTable("posts").set({ deleted_at: testNow }).where("id", "=", deleted).execute();
    await db.updateTable("posts").set({ blinded_at: testNow }).where("id", "=", blinded).execute();
    // The blinded post's own author does not see it there either: HOT shows only what everyone may read.
    expect(await hotTitles("/hot", await sessionCookieFor(db, authorId))).toEqual(["남는 글"]);
  });

  it("pages 20 at a time and answers odd page numbers with the first or the last page", async () => {
    for (let i = 0; i < HOT_POSTS_PER_PAGE + 5; i++) {
      await hotPost({ title: `글 ${i}`, ageHours: 1, comments: 100 - i });
    }
    await refreshHotRanking(db, { now: testNow });
    const first = payloadOf(await callRoute(db, hotPage, pageGet("/hot")));
    expect(first.posts).toHaveLength(HOT_POSTS_PER_PAGE);
    expect(first.pageCount).toBe(2);
    expect(first.firstPlace).toBe(1);
    const second = payloadOf(await callRoute(db, hotPage, pageGet("/hot?page=2")));
    expect(second.posts.map((p) => p.title)).toEqual(["글 20", "글 21", "글 22", "글 23", "글 24"]);
    expect(second.firstPlace).toBe(21);
    for (const odd of ["0", "-3", "abc", "1e308", "2.5", "99999999999999999999"]) {
      const answer = await callRoute(db, hotPage, pageGet(`/hot?page=${odd}`));
      expect(answer.status, odd).toBe(200);
      expect([1, 2], odd).toContain(payloadOf(answer).page);
    }
    expect(payloadOf(await callRoute(db, hotPage, pageGet("/hot?page=999"))).page).toBe(2);
  });

  it("marks a ranked post's page with HOT, and not once it leaves the ranking", async () => {
    const postId = await hotPost({ title: "핫한 글", ageHours: 1, comments: 4 });
    await refreshHotRanking(db, { now: testNow });
    const open = () =>
      callRoute(db, postPage, pageGet(`/square/${postId}`), { board: "square", postId: String(postId) });
    expect(payloadOf(await open()).post.hot).toBe(true);
    await refreshHotRanking(db, { now: testNow + 2 * DAY });
    expect(payloadOf(await open()).post.hot).toBe(false);
  });

  it("shows the top 10 on the front page, with the reader's exclusions", async () => {
    for (let i = 0; i < 12; i++) {
      await hotPost({ title: `앞 ${i}`, ageHours: 1, comments: 50 - i, category: i === 0 ? "politics" : "news" });
    }
    await refreshHotRanking(db, { now: testNow });
    const front = payloadOf(await callRoute(db, frontPage, pageGet("/")));
    expect(front.hotPosts.map((p) => p.title)).toEqual(Array.from({ length: 10 }, (_, i) => `앞 ${i}`));
    const excluding = payloadOf(await callRoute(db, frontPage, pageGet("/?exclude=politics")));
    expect(excluding.hotPosts.map((p) => p.title)).toEqual(Array.from({ length: 10 }, (_, i) => `앞 ${i + 1}`));
  });

  it("has a cache version that moves with the ranking and with any board's writes", async () => {
    await hotPost({ title: "버전", ageHours: 1, comments: 1 });
    await refreshHotRanking(db, { now: testNow });
    const before = await getHotListVersion(db);
    expect(await getHotListVersion(db)).toBe(before);
    await db
      .updateTable("boards")
      .set((eb) => ({ list_version: eb("list_version", "+", 1) }))
      .where("id", "=", talk.id)
      .execute();
    const afterWrite = await getHotListVersion(db);
    expect(afterWrite).not.toBe(before);
    await refreshHotRanking(db, { now: testNow + 1 });
    expect(await getHotListVersion(db)).not.toBe(afterWrite);
  });
});
