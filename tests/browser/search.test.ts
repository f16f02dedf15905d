import type { Page } from "playwright-core";
import { isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";

const board = useBoardInBrowser();

const KAKAO_TITLE = "[단독] 카카오, 내년부터 이용패턴·기록 사실상 강제수집";
const HOSTILE = `"<script>alert(1)</script>' OR 1=1 -- *`;

async function search(page: Page, query: string, scope?: string) {
  const form = page.getByRole("search", { name: "검색" });
  if (scope) await form.getByLabel("검색 범위").selectOption({ label: scope });
  await form.getByLabel("검색어").fill(query);
  await form.getByRole("button", { name: "검색" }).click();
}

function resultRow(page: Page, title: string) {
  return page.locator(".board-table tbody tr", { has: page.getByRole("link", { name: title }) });
}

describe.each([true, false])("the search form (JavaScript: %s)", (javaScriptEnabled) => {
  async function openSquare() {
    const page = await board.newPage({ javaScriptEnabled });
    page.on("dialog", () => {
      throw new Error("a typed query ran as a script");
    });
    await page.goto("/square");
    if (javaScriptEnabled) {
      await waitForHydration(page);
      await markDocument(page);
    }
    return page;
  }

  it("finds the Kakao article by a word inside a longer word and marks it", async () => {
    const page = await openSquare();
    const form = page.getByRole("search", { name: "검색" });
    expect(await form.getByLabel("검색 범위").locator("option").allInnerTexts()).toEqual(["제목+내용", "제목", "댓글"]);
    await search(page, "이용패턴");
    await page.waitForURL(/\/square\?q=%EC%9D%B4%EC%9A%A9%ED%8C%A8%ED%84%B4&scope=title_body$/);
    const row = resultRow(page, KAKAO_TITLE);
    await row.waitFor();
    expect(await row.locator(".col-title mark").first().innerText()).toBe("이용패턴");
    expect(await row.locator(".search-snippet mark").first().innerText()).toBe("이용패턴");
    expect(await page.getByRole("heading", { name: /^검색 결과 \d+개$/ }).count()).toBe(1);
    expect(await isSameDocument(page)).toBe(javaScriptEnabled);

    await search(page, "카카오 약관", "제목+내용");
    await resultRow(page, KAKAO_TITLE).waitFor();
    expect(await page.getByRole("search").getByLabel("검색어").inputValue()).toBe("카카오 약관");
  });

  it("searches comments and quotes the matching one", async () => {
    const page = await openSquare();
    await search(page, "옵트아웃", "댓글");
    await page.waitForURL(/scope=comment/);
    const quote = resultRow(page, KAKAO_TITLE).locator("blockquote.search-snippet--comment");
    expect(await quote.innerText()).toContain("옵트아웃은 꼭 있어야 한다고 봐요");
    expect(await quote.locator("mark").innerText()).toBe("옵트아웃");
    await search(page, "동의", "제목+내용");
    await resultRow(page, KAKAO_TITLE).waitFor();
  });

  it("echoes a hostile query as text and says when nothing can be searched", async () => {
    const page = await openSquare();
    await search(page, HOSTILE);
    await page.getByRole("heading", { name: /^검색 결과/ }).waitFor();
    expect(await page.getByRole("search").getByLabel("검색어").inputValue()).toBe(HOSTILE);
    expect(await page.title()).toContain(HOSTILE);
    expect(await page.locator("main script").count()).toBe(0);

    await search(page, "   ");
    await page.getByRole("alert").filter({ hasText: "검색어를 입력하세요." }).waitFor();
  });

  it("searches every board from /search, naming each result's board", async () => {
    const page = await board.newPage({ javaScriptEnabled });
    await page.goto("/");
    await page.getByRole("navigation", { name: "게시판" }).getByRole("link", { name: "검색" }).click();
    await page.waitForURL(/\/search$/);
    if (javaScriptEnabled) await waitForHydration(page);
    await search(page, "이용패턴");
    const row = resultRow(page, KAKAO_TITLE);
    await row.waitFor();
    expect(await row.locator(".col-category").innerText()).toContain("스퀘어");
  });
});

describe("refusals", () => {
  it("answers a query over 100 characters with 400, the form and a Korean message", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    const response = await page.goto(`/square?q=${"가".repeat(101)}`);
    expect(response?.status()).toBe(400);
    await page.getByRole("alert").filter({ hasText: "검색어는 100자까지 입력할 수 있습니다." }).waitFor();
    await page.getByRole("search", { name: "검색" }).waitFor();
  });

  it("refuses the author scope on an anonymous board", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    const response = await page.goto("/square?q=madang_staff&scope=author");
    expect(response?.status()).toBe(400);
    await page.getByRole("alert").filter({ hasText: "익명 게시판에서는 글쓴이로 검색할 수 없습니다." }).waitFor();
  });
});
