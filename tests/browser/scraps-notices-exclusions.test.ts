import type { Page } from "playwright-core";
import { useBoardInBrowser } from "../helpers/browser";
import { KAKAO_POST_ID, KAKAO_TITLE } from "../helpers/square-posts";

const board = useBoardInBrowser();

const LUNCH_POST_ID = 201;
const LUNCH_TITLE = "오늘 점심 뭐 드셨어요?";

/** The title cells of a list's ordinary rows (not its notices). */
function postRows(page: Page) {
  return page.locator(".board-list tbody tr:not(.notice-row):not(.notice-toggle):not(.empty-row)");
}

describe("scraps", () => {
  it("a member scraps a post, finds it in /scraps, writes a memo and removes it", async () => {
    const page = await board.newMemberPage("scrapper");
    await page.goto(`/square/${KAKAO_POST_ID}`);
    await page
      .locator(".post-footer")
      .getByRole("button", { name: /^스크랩 \(0\)$/ })
      .click();
    await page.locator('.post-footer button[aria-pressed="true"]', { hasText: "스크랩 (1)" }).waitFor();

    await page.getByRole("link", { name: "스크랩", exact: true }).click();
    await page.waitForURL(/\/scraps$/);
    const scrap = page.locator("li.scrap", { hasText: KAKAO_TITLE });
    expect(await scrap.getByRole("link", { name: KAKAO_TITLE }).getAttribute("href")).toBe(`/square/${KAKAO_POST_ID}`);
    expect(await scrap.innerText()).toContain("스퀘어");
    expect(await scrap.innerText()).toContain("기사/뉴스");

    await scrap.getByLabel("메모").fill("주말에 다시 읽기");
    // The page shows nothing new when a memo is saved, so the action's answer says when it is stored.
    const saved = page.waitForResponse((response) => response.request().method() === "POST");
    await scrap.getByRole("button", { name: "메모 저장" }).click();
    expect((await saved).ok()).toBe(true);
    await page.reload();
    expect(await page.locator("li.scrap").getByLabel("메모").inputValue()).toBe("주말에 다시 읽기");

    await page.getByRole("button", { name: `${KAKAO_TITLE} 스크랩 삭제` }).click();
    await page.getByText("아직 스크랩한 글이 없습니다.").waitFor();
    await page.goto(`/square/${KAKAO_POST_ID}`);
    await page
      .locator(".post-footer")
      .getByRole("button", { name: /^스크랩 \(0\)$/ })
      .waitFor();
  });
});

describe("notices", () => {
  it("an admin makes a post a site-wide notice and a logged-out reader sees it on top of two boards", async () => {
    const admin = await board.newMemberPage("boss", { role: "admin" });
    await admin.goto(`/talk/${LUNCH_POST_ID}`);
    await admin.getByLabel("공지 범위").selectOption("global");
    await admin.getByRole("button", { name: "공지로 올리기" }).click();
    await admin.getByText("전체 공지로 올라 있음").waitFor();

    const reader = await board.newPage();
    for (const slug of ["square", "talk"]) {
      await reader.goto(`/${slug}`);
      const firstNotice = reader.locator(".board-list tr.notice-row").first();
      expect(await firstNotice.innerText()).toContain(LUNCH_TITLE);
      expect(await firstNotice.locator(".badge").innerText()).toBe("공지");
    }
    await reader.goto("/notices");
    expect(await reader.getByRole("region", { name: "전체 공지" }).locator("tr").first().innerText()).toContain(
      LUNCH_TITLE,
    );
  });
});

describe("exclusions", () => {
  it("a member hides 정치 and no 정치 post shows on the list", async () => {
    const page = await board.newMemberPage("calm_reader");
    const title = "정치 카테고리 시험 글";
    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("politics");
    await page.getByLabel("제목").fill(title);
    await page.getByLabel("본문").fill("정치 이야기");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/square\/\d+$/);

    await page.goto("/square");
    expect(await postRows(page).filter({ hasText: title }).count()).toBe(1);

    await page.goto("/settings/filters");
    await page.getByLabel("정치 숨기기").check();
    await page.getByRole("button", { name: "저장" }).click();
    await page.getByText("저장했습니다.").waitFor();

    for (const path of ["/square", "/"]) {
      await page.goto(path);
      await page.getByText("정치 카테고리를 숨기는 중입니다.").waitFor();
      expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    }
    await page.goto("/square");
    expect(await postRows(page).locator(".col-category").allInnerTexts()).not.toContain("정치");
    expect(await postRows(page).count()).toBeGreaterThan(0);

    await page.getByRole("link", { name: "이번만 모두 보기" }).click();
    await postRows(page).filter({ hasText: title }).waitFor();

    await page.goto("/square");
    await page.getByRole("button", { name: "숨기지 않기" }).click();
    await postRows(page).filter({ hasText: title }).waitFor();
    expect(await page.getByText("정치 카테고리를 숨기는 중입니다.").count()).toBe(0);
  });

  it("a logged-out reader's choice is kept in a cookie, without JavaScript", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    await page.goto("/settings/filters");
    await page.getByLabel("기사/뉴스 숨기기").check();
    await page.getByRole("button", { name: "저장" }).click();
    await page.getByText("저장했습니다.").waitFor();
    await page.goto("/square");
    await page.getByText("기사/뉴스 카테고리를 숨기는 중입니다.").waitFor();
    expect(await postRows(page).locator(".col-category").allInnerTexts()).not.toContain("기사/뉴스");
    expect(await postRows(page).count()).toBeGreaterThan(0);
  });
});
