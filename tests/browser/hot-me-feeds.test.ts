import type { Page } from "playwright-core";
import { refreshHotRanking } from "~/models/hot-ranking.server";
import { useBoardInBrowser } from "../helpers/browser";
import { KAKAO_POST_ID, KAKAO_TITLE } from "../helpers/square-posts";

const board = useBoardInBrowser();

const LUNCH_POST_ID = 201;
const LUNCH_TITLE = "오늘 점심 뭐 드셨어요?";
const HOUR = 60 * 60 * 1000;

/** Dates two demo posts an hour ago with some comments and ranks them, as the server's minute job would. */
async function rankTwoPosts() {
  const db = board.openDatabase();
  const anHourAgo = Date.now() - HOUR;
  await db
    .updateTable("posts")
    .set({ created_at: anHourAgo, comment_count: 20 })
    .where("id", "=", KAKAO_POST_ID)
    .execute();
  await db
    .updateTable("posts")
    .set({ created_at: anHourAgo, comment_count: 5 })
    .where("id", "=", LUNCH_POST_ID)
    .execute();
  await refreshHotRanking(db);
}

function hotRows(page: Page) {
  return page.locator(".board-list tbody tr:not(.empty-row)");
}

async function feedLinkHref(page: Page) {
  return page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href");
}

beforeAll(async () => {
  await rankTwoPosts();
});

describe("HOT", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`lists the ranked posts with their boards, on /hot and the front page, and marks them (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await board.newPage({ javaScriptEnabled });
      await page.goto("/");
      const front = page.getByRole("region", { name: "HOT" });
      expect(await front.locator("tr").first().innerText()).toContain(KAKAO_TITLE);

      await page.getByRole("navigation", { name: "게시판" }).getByRole("link", { name: "HOT" }).click();
      await page.waitForURL(/\/hot$/);
      // With JavaScript the address changes before the new page is drawn: wait for its second row.
      await hotRows(page).nth(1).waitFor();
      expect(await hotRows(page).count()).toBe(2);
      const first = await hotRows(page).first().innerText();
      expect(first).toContain(KAKAO_TITLE);
      expect(first).toContain("스퀘어");
      expect(await hotRows(page).nth(1).innerText()).toContain(LUNCH_TITLE);
      expect(await feedLinkHref(page)).toBe("/hot/feed.xml");

      await page.getByRole("link", { name: LUNCH_TITLE }).click();
      await page.waitForURL(new RegExp(`/talk/${LUNCH_POST_ID}$`));
      await page.locator("article .badge--hot", { hasText: "HOT" }).waitFor();

      await page.goto("/talk/hot");
      expect(await hotRows(page).count()).toBe(1);
      expect(await hotRows(page).first().innerText()).toContain(LUNCH_TITLE);
    });
  }

  it("answers a page number past the end with the last page", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    const response = await page.goto("/hot?page=99999");
    expect(response?.status()).toBe(200);
    expect(await hotRows(page).count()).toBe(2);
  });
});

describe("feeds", () => {
  it("are linked from the head of a board's list and served as Atom", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    await page.goto("/talk");
    expect(await feedLinkHref(page)).toBe("/talk/feed.xml");
    for (const path of ["/talk/feed.xml", "/hot/feed.xml"]) {
      const response = await page.request.get(path);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
      const xml = await response.text();
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
      expect(xml).toContain(`${board.baseUrl}/talk/${LUNCH_POST_ID}`);
    }
  });

  it("is found by a browser following the board page's link, with JavaScript", async () => {
    const page = await board.newPage();
    await page.goto("/talk");
    const href = await feedLinkHref(page);
    const response = await page.request.get(new URL(href!, board.baseUrl).toString());
    expect(response.headers()["content-type"]).toContain("application/atom+xml");
  });
});

describe("/me", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`shows a member their own posts and comments, reached from the header (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const username = javaScriptEnabled ? "me_js" : "me_nojs";
      const page = await board.newMemberPage(username, { javaScriptEnabled });
      const title = `${username}의 익명 글`;
      await page.goto("/square/write");
      await page.getByLabel("카테고리").selectOption("info");
      await page.getByLabel("제목").fill(title);
      await page.getByLabel("본문").fill("익명 게시판에 쓴 글");
      await page.getByRole("button", { name: "등록" }).click();
      await page.waitForURL(/\/square\/\d+$/);
      await page.getByLabel("댓글 쓰기").fill(`${username}의 댓글`);
      await page.getByRole("button", { name: "댓글 등록" }).click();
      await page.getByText(`${username}의 댓글`).first().waitFor();

      await page.getByRole("navigation", { name: "계정" }).getByRole("link", { name: username }).click();
      await page.waitForURL(/\/me$/);
      const row = page.locator("tr", { hasText: title });
      expect(await row.innerText()).toContain("익명");
      for (const name of ["스크랩", "차단 목록", "카테고리 숨기기", "설정"]) {
        await page.getByRole("navigation", { name: "내 정보" }).getByRole("link", { name }).waitFor();
      }

      await page.getByRole("link", { name: "내 댓글" }).click();
      await page.waitForURL(/\/me\?tab=comments$/);
      const comment = page.locator(".my-comments li", { hasText: `${username}의 댓글` });
      await comment.getByRole("link", { name: title }).waitFor();
    });
  }

  it("sends a logged-out reader to the login page with the way back", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    await page.goto("/me");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/me");
  });
});
