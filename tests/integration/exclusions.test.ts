import { getBoardIndex, getBoardListing } from "~/models/board-listing.server";
import { getBoardBySlug } from "~/models/boards.server";
import { EXCLUDE_COOKIE } from "~/lib/exclusion-cookie";
import { getReaderExclusions, getSavedExclusions, saveExclusions } from "~/models/exclusions.server";
import { loader as boardIndexLoader } from "~/routes/_index";
import { action as exclusionSettingsAction, loader as exclusionSettingsLoader } from "~/routes/settings.filters";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  formPost,
  ORIGIN,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let square: TestBoard;
let memberId: number;
let memberCookie: string;

beforeAll(async () => {
  memberId = await createUser(db, "member");
  memberCookie = await sessionCookieFor(db, memberId);
  square = await createTestBoard(db, "square", [
    { slug: "news", name: "기사/뉴스" },
    { slug: "politics", name: "정치" },
  ]);
  const talk = await createTestBoard(db, "talk", [{ slug: "politics", name: "시사" }]);
  await createTestPost(db, square, { authorId: memberId, title: "뉴스 글", category: "news" });
  await createTestPost(db, square, { authorId: memberId, title: "정치 글", category: "politics" });
  await createTestPost(db, square, { authorId: memberId, title: "분류 없는 글" });
  await createTestPost(db, talk, { authorId: memberId, title: "토크 시사 글", category: "politics" });
  await createTestPost(db, talk, { authorId: memberId, title: "토크 글" });
});

// Tests that save a member's choice leave it behind; every test starts from a member who saved nothing.
beforeEach(async () => {
  await db.deleteFrom("user_excluded_categories").execute();
});

const request = (search: string, cookie?: string) =>
  new Request(`${ORIGIN}/square${search}`, { headers: cookie ? { Cookie: cookie } : {} });

describe("reading exclusions", () => {
  it("lets ?exclude= win over saved settings and the cookie, and an empty value show everything", async () => {
    const member = { id: memberId };
    await callRoute(db, exclusionSettingsAction, formPost("/settings/filters", { exclude: "politics" }, memberCookie));
    expect(await getReaderExclusions(db, request(""), member)).toEqual(["politics"]);
    expect(await getReaderExclusions(db, request("?exclude=news"), member)).toEqual(["news"]);
    expect(await getReaderExclusions(db, request("?exclude="), member)).toEqual([]);
    expect(await getReaderExclusions(db, request("", `${EXCLUDE_COOKIE}=news`), null)).toEqual(["news"]);
    expect(await getReaderExclusions(db, request("", `${EXCLUDE_COOKIE}=%E0%A4%A`), null)).toEqual([]);
  });
});

describe("lists with exclusions", () => {
  it("leaves excluded categories out of a board's list and its page count, and says so", async () => {
    const board = (await getBoardBySlug(db, "square"))!;
    const listing = await getBoardListing(db, board, {
      categorySlug: null,
      page: 1,
      showAllNotices: false,
      excludedSlugs: ["politics"],
    });
    expect(listing.posts.map((p) => p.title)).toEqual(["분류 없는 글", "뉴스 글"]);
    expect(listing.excludedCategories).toEqual([{ slug: "politics", name: "정치" }]);

    const chosen = await getBoardListing(db, board, {
      categorySlug: "politics",
      page: 1,
      showAllNotices: false,
      excludedSlugs: ["politics"],
    });
    expect(chosen.posts.map((p) => p.title)).toEqual(["정치 글"]);
  });

  it("leaves excluded categories of every board out of the board index", async () => {
    const index = await getBoardIndex(db, ["politics"]);
    expect(index.boards.map((b) => [b.slug, b.posts.map((p) => p.title)])).toEqual([
      ["square", ["분류 없는 글", "뉴스 글"]],
      ["talk", ["토크 글"]],
    ]);
    expect(index.excludedCategories).toEqual([{ slug: "politics", name: "정치 · 시사" }]);
  });

  it("apply a logged-out reader's cookie on the front page", async () => {
    const page = await callRoute(db, boardIndexLoader, pageGet("/", `${EXCLUDE_COOKIE}=politics`));
    const titles = page.data.boards.flatMap((b: { posts: { title: string }[] }) => b.posts.map((p) => p.title));
    expect(titles).not.toContain("정치 글");
    expect(titles).not.toContain("토크 시사 글");
    expect(titles).toContain("뉴스 글");
  });
});

describe("/settings/filters", () => {
  it("saves a member's choice in their settings and clears it with one button", async () => {
    const saved = await callRoute(
      db,
      exclusionSettingsAction,
      formPost("/settings/filters", { exclude: ["politics", "news"] }, memberCookie),
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get("Set-Cookie")).toBeNull();
    expect(await getSavedExclusions(db, memberId)).toEqual(["news", "politics"]);
    expect(
      (await callRoute(db, exclusionSettingsLoader, pageGet("/settings/filters", memberCookie))).data.excluded,
    ).toEqual(["news", "politics"]);

    const cleared = await callRoute(
      db,
      exclusionSettingsAction,
      formPost("/settings/filters", { intent: "clear", redirectTo: "/square" }, memberCookie),
    );
    expect(cleared.status).toBe(303);
    expect(cleared.headers.get("Location")).toBe("/square");
    expect(await getSavedExclusions(db, memberId)).toEqual([]);
  });

  it("keeps a logged-out reader's choice in a cookie", async () => {
    const saved = await callRoute(db, exclusionSettingsAction, formPost("/settings/filters", { exclude: "politics" }));
    const setCookie = saved.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(new RegExp(`^${EXCLUDE_COOKIE}=politics;`));
    expect(setCookie).toContain("HttpOnly");
    const cleared = await callRoute(
      db,
      exclusionSettingsAction,
      formPost("/settings/filters", { intent: "clear", redirectTo: "//evil.example" }),
    );
    expect(cleared.headers.get("Location")).toBe("/");
    expect(cleared.headers.get("Set-Cookie")).toContain("Max-Age=0");
  });

  it("refuses unknown categories with 400 and a Korean message, saving nothing", async () => {
    const refused = await callRoute(
      db,
      exclusionSettingsAction,
      formPost("/settings/filters", { exclude: ["politics", "no-such"] }, memberCookie),
    );
    expect(refused.status).toBe(400);
    expect(payloadOf(refused).error).toMatch(/없는 카테고리/);
    expect(await getSavedExclusions(db, memberId)).toEqual([]);
  });

  it("checks the Origin before anything", async () => {
    const crossSite = new Request(`${ORIGIN}/settings/filters`, {
      method: "POST",
      headers: {
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: memberCookie,
      },
      body: "exclude=politics",
    });
    expect((await callRoute(db, exclusionSettingsAction, crossSite)).status).toBe(403);
    expect(await getSavedExclusions(db, memberId)).toEqual([]);
  });
});

describe("saving exclusions from two tabs at once", () => {
  it("keeps one tab's whole choice and never fails", async () => {
    const userId = await createUser(db, "twotabs");
    const choices = [["news"], ["politics"], ["news", "politics"], []];
    await Promise.all(Array.from({ length: 20 }, (_, i) => saveExclusions(db, userId, choices[i % choices.length])));
    expect(choices).toContainEqual(await getSavedExclusions(db, userId));
  });
});
