import {
  addScrap,
  hasScrapped,
  listScraps,
  removeScrap,
  SCRAPS_PER_PAGE,
  updateScrapMemo,
} from "~/models/scraps.server";
import { action as postAction } from "~/routes/$board.$postId";
import { action as scrapsAction, loader as scrapsLoader } from "~/routes/scraps";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

let board: TestBoard;
let authorId: number;
let memberId: number;
let otherMemberId: number;

beforeAll(async () => {
  authorId = await createUser(db, "author");
  memberId = await createUser(db, "member");
  otherMemberId = await createUser(db, "other");
  board = await createTestBoard(db, "square", [{ slug: "news", name: "기사/뉴스" }]);
});

async function storedScraps(postId: number) {
  const post = await db.selectFrom("posts").select("scrap_count").where("id", "=", postId).executeTakeFirstOrThrow();
  const { rows } = await db
    .selectFrom("scraps")
    .select((eb) => eb.fn.countAll<number>().as("rows"))
    .where("post_id", "=", postId)
    .executeTakeFirstOrThrow();
  return { counter: post.scrap_count, rows: Number(rows) };
}

describe("addScrap and removeScrap", () => {
  it("are idempotent and keep scrap_count equal to the stored scraps", async () => {
    const postId = await createTestPost(db, board, { authorId });
    expect(await addScrap(db, memberId, postId)).toEqual({ scrapCount: 1 });
    expect(await addScrap(db, memberId, postId)).toEqual({ scrapCount: 1 });
    expect(await hasScrapped(db, memberId, postId)).toBe(true);
    expect(await hasScrapped(db, otherMemberId, postId)).toBe(false);
    expect(await addScrap(db, otherMemberId, postId)).toEqual({ scrapCount: 2 });

    expect(await removeScrap(db, memberId, postId)).toEqual({ scrapCount: 1 });
    expect(await removeScrap(db, memberId, postId)).toEqual({ scrapCount: 1 });
    expect(await hasScrapped(db, memberId, postId)).toBe(false);
    expect(await storedScraps(postId)).toEqual({ counter: 1, rows: 1 });
  });

  it("refuses missing and deleted posts, and still lets a scrap of a deleted post be removed", async () => {
    expect(await addScrap(db, memberId, 999_999)).toBeNull();
    expect(await removeScrap(db, memberId, 999_999)).toBeNull();

    const postId = await createTestPost(db, board, { authorId });
    await addScrap(db, memberId, postId);
    await db.updateTable("posts").set({ deleted_at: Date.now() }).where("id", "=", postId).execute();
    expect(await addScrap(db, otherMemberId, postId)).toBeNull();
    expect(await storedScraps(postId)).toEqual({ counter: 1, rows: 1 });
    expect(await removeScrap(db, memberId, postId)).toEqual({ scrapCount: 0 });
    expect(await storedScraps(postId)).toEqual({ counter: 0, rows: 0 });
  });

  it("keeps scrap_count exact under 200 concurrent scrap and unscrap requests from different members", async () => {
    const postId = await createTestPost(db, board, { authorId });
    const members = await Promise.all(Array.from({ length: 200 }, (_, i) => createUser(db, `crowd${i}`)));
    // Every member scraps; every third one presses twice, and every other one then removes it (twice, for some).
    // Members press at the same time; one member's presses arrive in order, as from one browser tab.
    await Promise.all(
      members.map(async (userId, i) => {
        await addScrap(db, userId, postId);
        if (i % 3 === 0) await addScrap(db, userId, postId);
        if (i % 2 === 1) await removeScrap(db, userId, postId);
        if (i % 6 === 1) await removeScrap(db, userId, postId);
      }),
    );
    expect(await storedScraps(postId)).toEqual({ counter: 100, rows: 100 });

    // Scrap and unscrap racing in any order: whatever survives, the counter matches it.
    await Promise.all(
      members.flatMap((userId) => [removeScrap(db, userId, postId), addScrap(db, userId, postId)].reverse()),
    );
    const after = await storedScraps(postId);
    expect(after.counter).toBe(after.rows);
  });
});

describe("scrap lists", () => {
  let listOwnerId: number;
  const postIds: number[] = [];

  beforeAll(async () => {
    listOwnerId = await createUser(db, "collector");
    for (const [i, title] of ["카카오 약관 변경", "100% 환불 안내", "오늘의 날씨", "카카오맵 업데이트"].entries()) {
      const postId = await createTestPost(db, board, { authorId, title, category: "news" });
      postIds.push(postId);
      await addScrap(db, listOwnerId, postId, 1_900_000_000_000 + i * 1000);
    }
  });

  it("lists one member's scraps newest first with board, category and post details", async () => {
    const list = await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "", page: 1 });
    expect(list.total).toBe(4);
    expect(list.scraps.map((s) => s.title)).toEqual([
      "카카오맵 업데이트",
      "오늘의 날씨",
      "100% 환불 안내",
      "카카오 약관 변경",
    ]);
    expect(list.scraps[0]).toMatchObject({
      boardSlug: "square",
      categoryName: "기사/뉴스",
      postDeletedAt: null,
      memo: "",
    });
    const strangerId = await createUser(db, "stranger");
    expect((await listScraps(db, { id: strangerId, role: "member" }, { titleQuery: "", page: 1 })).total).toBe(0);
  });

  it("searches titles literally, wildcards included", async () => {
    const kakao = await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "카카오", page: 1 });
    expect(kakao.scraps.map((s) => s.title)).toEqual(["카카오맵 업데이트", "카카오 약관 변경"]);
    const percent = await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "0%", page: 1 });
    expect(percent.scraps.map((s) => s.title)).toEqual(["100% 환불 안내"]);
    expect((await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "_", page: 1 })).total).toBe(0);
  });

  it("searches titles ignoring the case of Latin letters", async () => {
    const readerId = await createUser(db, "caseless");
    const postId = await createTestPost(db, board, { authorId, title: "KakaoTalk 공지", category: "news" });
    await addScrap(db, readerId, postId);
    const found = await listScraps(db, { id: readerId, role: "member" }, { titleQuery: "kakaotalk", page: 1 });
    expect(found.scraps.map((s) => s.title)).toEqual(["KakaoTalk 공지"]);
  });

  it("keeps a scrap of a deleted post in the list, marked as deleted", async () => {
    await db.updateTable("posts").set({ deleted_at: 1_950_000_000_000 }).where("id", "=", postIds[2]).execute();
    const list = await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "날씨", page: 1 });
    expect(list.scraps).toHaveLength(1);
    expect(list.scraps[0].postDeletedAt).toBe(1_950_000_000_000);
  });

  it("changes a memo only on the member's own scrap", async () => {
    expect(await updateScrapMemo(db, listOwnerId, postIds[0], "나중에 읽기")).toBe(true);
    expect(await updateScrapMemo(db, otherMemberId, postIds[0], "남의 메모")).toBe(false);
    const list = await listScraps(db, { id: listOwnerId, role: "member" }, { titleQuery: "약관", page: 1 });
    expect(list.scraps[0].memo).toBe("나중에 읽기");
  });

  it("pages through the list and clamps a page past the end", async () => {
    const pagerId = await createUser(db, "pager");
    for (let i = 0; i < SCRAPS_PER_PAGE + 3; i++) {
      await addScrap(
        db,
        pagerId,
        await createTestPost(db, board, { authorId, title: `글 ${i}` }),
        1_900_000_000_000 + i,
      );
    }
    const second = await listScraps(db, { id: pagerId, role: "member" }, { titleQuery: "", page: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: SCRAPS_PER_PAGE + 3 });
    expect(second.scraps.map((s) => s.title)).toEqual(["글 2", "글 1", "글 0"]);
    expect((await listScraps(db, { id: pagerId, role: "member" }, { titleQuery: "", page: 99 })).page).toBe(2);
  });
});

describe("/scraps", () => {
  let ownerCookie: string;
  let intruderCookie: string;
  let ownerId: number;
  let postId: number;

  beforeAll(async () => {
    ownerId = await createUser(db, "owner");
    const intruderId = await createUser(db, "intruder");
    ownerCookie = await sessionCookieFor(db, ownerId);
    intruderCookie = await sessionCookieFor(db, intruderId);
    postId = await createTestPost(db, board, { authorId, title: "주인의 스크랩" });
    await addScrap(db, ownerId, postId);
  });

  const scrapOf = () =>
    db
      .selectFrom("scraps")
      .select("memo")
      .where("user_id", "=", ownerId)
      .where("post_id", "=", postId)
      .executeTakeFirst();

  it("shows each member only their own list, and sends logged-out readers to log in", async () => {
    const own = await callRoute(db, scrapsLoader, pageGet("/scraps", ownerCookie));
    expect(own.data.scraps.map((s: { title: string }) => s.title)).toEqual(["주인의 스크랩"]);
    const intruder = await callRoute(db, scrapsLoader, pageGet("/scraps", intruderCookie));
    expect(intruder.data.total).toBe(0);
    const loggedOut = await callRoute(db, scrapsLoader, pageGet("/scraps?q=x"));
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/scraps?q=x" })}`);
  });

  it("saves a memo and removes a scrap for its owner, and nothing for anyone else", async () => {
    const memo = { intent: "memo", postId: String(postId), memo: "  다시  읽을 글 " };
    expect((await callRoute(db, scrapsAction, formPost("/scraps?page=1", memo, ownerCookie))).status).toBe(303);
    expect(await scrapOf()).toEqual({ memo: "다시 읽을 글" });

    const stolen = await callRoute(db, scrapsAction, formPost("/scraps", { ...memo, memo: "가로챔" }, intruderCookie));
    expect(stolen.status).toBe(404);
    await callRoute(
      db,
      scrapsAction,
      formPost("/scraps", { intent: "remove", postId: String(postId) }, intruderCookie),
    );
    expect(await scrapOf()).toEqual({ memo: "다시 읽을 글" });

    expect(
      (
        await callRoute(
          db,
          scrapsAction,
          formPost("/scraps", { intent: "remove", postId: String(postId) }, ownerCookie),
        )
      ).status,
    ).toBe(303);
    expect(await scrapOf()).toBeUndefined();
    await addScrap(db, ownerId, postId);
  });

  it("answers 400 with the memo kept, and 413 for an oversized body", async () => {
    const long = "가".repeat(201);
    const refused = await callRoute(
      db,
      scrapsAction,
      formPost("/scraps", { intent: "memo", postId: String(postId), memo: long }, ownerCookie),
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ postId: String(postId), memo: long });
    expect(payloadOf(refused).error).toMatch(/200자/);
    const malformed: Record<string, string>[] = [
      { intent: "memo", postId: "abc", memo: "" },
      { intent: "steal", postId: String(postId) },
      {},
    ];
    for (const fields of malformed) {
      expect((await callRoute(db, scrapsAction, formPost("/scraps", fields, ownerCookie))).status).toBe(400);
    }
    const huge = { intent: "memo", postId: String(postId), memo: "x".repeat(20_000) };
    expect((await callRoute(db, scrapsAction, formPost("/scraps", huge, ownerCookie))).status).toBe(413);
    expect(await scrapOf()).toEqual({ memo: "" });
  });
});

describe("scrapping from the post page", () => {
  it("adds once however often it is pressed, removes, and sends logged-out readers to log in", async () => {
    const postId = await createTestPost(db, board, { authorId });
    const readerId = await createUser(db, "reader");
    const cookie = await sessionCookieFor(db, readerId);
    const press = (intent: string, withCookie?: string) =>
      callRoute(db, postAction, formPost(`/square/${postId}`, { intent }, withCookie), {
        board: "square",
        postId: String(postId),
      });

    expect((await press("scrap", cookie)).status).toBe(303);
    expect((await press("scrap", cookie)).status).toBe(303);
    expect(await storedScraps(postId)).toEqual({ counter: 1, rows: 1 });
    expect((await press("unscrap", cookie)).status).toBe(303);
    expect((await press("unscrap", cookie)).status).toBe(303);
    expect(await storedScraps(postId)).toEqual({ counter: 0, rows: 0 });

    const loggedOut = await press("scrap");
    expect(loggedOut.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await storedScraps(postId)).toEqual({ counter: 0, rows: 0 });
  });
});
