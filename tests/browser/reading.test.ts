import type { Kysely } from "kysely";
import type { Page } from "playwright-core";
import type { Database } from "#db/types";
import { isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { KAKAO_POST_ID, KAKAO_TITLE } from "../helpers/square-posts";

const board = useBoardInBrowser();
let db: Kysely<Database>;
beforeAll(() => {
  db = board.openDatabase();
});

const COLLAPSED_NOTICES = 5;
const SQUARE_NOTICES = 11;
const POSTS_PER_PAGE = 20;
const COMMENT_THREADS_PER_PAGE = 20;

async function storedViewCount(postId: number): Promise<number> {
  const row = await db.selectFrom("posts").select("view_count").where("id", "=", postId).executeTakeFirstOrThrow();
  return row.view_count;
}

/** The number the post page shows after "조회". */
async function shownViewCount(page: Page): Promise<number> {
  const text = await page.locator(".post-meta").getByText(/^조회/).textContent();
  return Number((text ?? "").replace(/[^0-9]/g, ""));
}

async function cellTexts(page: Page, rowSelector: string): Promise<string[]> {
  return page.locator(`${rowSelector} td`).allInnerTexts();
}

/** The list shows dates of earlier days as MM.DD within this year, YY.MM.DD before it (Korean time). */
function listDateOfDec19th2025(): string {
  const koreanYearNow = new Date(Date.now() + 9 * 60 * 60 * 1000).getUTCFullYear();
  return koreanYearNow === 2025 ? "12.19" : "25.12.19";
}

describe("the square board list", () => {
  it("shows the source page's columns, rows and number formats", async () => {
    const page = await board.newPage();
    await page.goto("/square");
    expect(await page.title()).toContain("스퀘어");

    expect(await page.locator(".board-table thead th").allInnerTexts()).toEqual([
      "번호",
      "카테고리",
      "제목",
      "날짜",
      "조회",
    ]);

    const kakaoRow = page.locator(".board-table tbody tr", { has: page.getByRole("link", { name: KAKAO_TITLE }) });
    const [number, category, title, date, views] = await kakaoRow.locator("td").allInnerTexts();
    expect(number).toBe(String(KAKAO_POST_ID));
    expect(category).toBe("기사/뉴스");
    expect(title).toContain(KAKAO_TITLE);
    expect(await kakaoRow.getByText("댓글 45개", { exact: true }).count()).toBe(1);
    expect(date).toBe(listDateOfDec19th2025());
    expect(await kakaoRow.locator("time").getAttribute("datetime")).toBe("2025-12-19T01:10:00.000Z");
    expect(views).toBe("3,382");

    const rulesNotice = await cellTexts(page, `tr.notice-row:has(a[href="/square/105"])`);
    expect(rulesNotice[0]).toBe("공지");
    expect(rulesNotice[4]).toBe("34,379,827");
    expect(await page.locator("tr.notice-row").first().locator("td").first().innerText()).toBe("이벤트");
  });

  it("shows twenty posts a page and the rest on page 2", async () => {
    const { n: squarePosts } = await db
      .selectFrom("posts")
      .innerJoin("boards", "boards.id", "posts.board_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("boards.slug", "=", "square")
      .where("posts.deleted_at", "is", null)
      .executeTakeFirstOrThrow();
    const postRows = (page: Page) => page.locator(".board-table tbody tr:not(.notice-row):not(.notice-toggle)");

    const page = await board.newPage();
    await page.goto("/square");
    expect(await postRows(page).count()).toBe(POSTS_PER_PAGE);
    await page.getByRole("navigation", { name: "페이지" }).getByRole("link", { name: "2", exact: true }).click();
    await page.waitForURL("**/square?page=2");
    await expect.poll(() => postRows(page).count()).toBe(squarePosts - POSTS_PER_PAGE);
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`expands and collapses the notices ${javaScriptEnabled ? "with" : "without"} JavaScript`, async () => {
      const page = await board.newPage({ javaScriptEnabled });
      await page.goto("/square");
      if (javaScriptEnabled) await waitForHydration(page);
      expect(await page.locator("tr.notice-row").count()).toBe(COLLAPSED_NOTICES);

      await page.getByRole("link", { name: `모든 공지 확인하기(${SQUARE_NOTICES})` }).click();
      await page.waitForURL("**/square?notices=all");
      await expect.poll(() => page.locator("tr.notice-row").count()).toBe(SQUARE_NOTICES);

      await page.getByRole("link", { name: "공지 접기" }).click();
      await page.waitForURL((url) => url.pathname === "/square" && url.search === "");
      await expect.poll(() => page.locator("tr.notice-row").count()).toBe(COLLAPSED_NOTICES);
    });
  }
});

describe("the Kakao post", () => {
  it("shows the article as the source page does, its Markdown rendered and cleaned", async () => {
    const viewsBefore = await storedViewCount(KAKAO_POST_ID);
    const page = await board.newPage({ javaScriptEnabled: false });
    const response = await page.goto(`/square/${KAKAO_POST_ID}`);
    expect(response?.status()).toBe(200);

    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(KAKAO_TITLE);
    expect(await page.locator(".post-category").innerText()).toBe("기사/뉴스");
    const meta = await page.locator(".post-meta").innerText();
    expect(meta).toContain("마당 손님");
    expect(await page.locator(".post-header").getByRole("link", { name: "댓글 45" }).getAttribute("href")).toBe(
      "#comments",
    );
    expect(meta).toContain("2025.12.19 10:10");
    // The page shows the stored count; the view image it loaded (before the load event) counted this reader's view.
    expect(await shownViewCount(page)).toBe(viewsBefore);
    expect(await storedViewCount(KAKAO_POST_ID)).toBe(viewsBefore + 1);

    const body = page.locator(".post-body");
    expect(await body.locator("p").first().innerText()).toBe(
      "카카오가 내년 2월부터 이용자들의 서비스 이용기록과 이용패턴 수집에 나섭니다.",
    );
    expect(await body.getByRole("heading").innerText()).toContain("7일 후 거부의사없으면 동의");
    expect(await body.getByRole("img", { name: "카카오 개정 약관 안내 화면" }).getAttribute("src")).toBe(
      "https://img.theqoo.net/RyCkle",
    );
    const source = body.getByRole("link", { name: "https://n.news.naver.com/article/374/0000481544?sid=101" });
    expect(await source.getAttribute("rel")).toContain("nofollow");
    expect(await body.locator("script, iframe, [onerror], [onclick]").count()).toBe(0);

    // By the title and at the end of the post.
    expect(await page.getByText("스크랩 (0)").count()).toBe(2);
    expect(await page.getByRole("heading", { name: "댓글 45" }).count()).toBe(1);
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`goes back to the list page it came from via 목록 ${javaScriptEnabled ? "with" : "without"} JavaScript`, async () => {
      const page = await board.newPage({ javaScriptEnabled });
      await page.goto("/square?page=2");
      if (javaScriptEnabled) await waitForHydration(page);
      const post = page.locator(".board-table tbody tr:not(.notice-row):not(.notice-toggle) .col-title a").first();
      const postPath = await post.getAttribute("href");
      await post.click();
      await page.waitForURL(`**${postPath}`);
      await expect.poll(() => page.locator("tr.current-row").count()).toBe(1);

      await page.getByRole("link", { name: "목록", exact: true }).click();
      await page.waitForURL("**/square?page=2");
      await expect.poll(() => page.locator("tr.current-row").count()).toBe(0);
    });
  }
});

describe("view counts", () => {
  /** Reloads until the shared copy of the page (at most 2 seconds old) shows `count`; a reload never adds a view. */
  async function reloadUntilShown(page: Page, count: number) {
    await expect.poll(async () => (await page.reload(), shownViewCount(page)), { timeout: 10_000 }).toBe(count);
  }

  for (const [javaScriptEnabled, postId] of [
    [false, 399628],
    [true, 399626],
  ] as const) {
    it(`count a reader once however often they reload, and another reader on the same address and browser once more, ${javaScriptEnabled ? "with" : "without"} JavaScript`, async () => {
      const viewsBefore = await storedViewCount(postId);

      // The page's view image has loaded when `goto` returns (the load event waits for images).
      const reader = await board.newPage({ javaScriptEnabled });
      await reader.goto(`/square/${postId}`);
      if (javaScriptEnabled) await waitForHydration(reader);
      expect(await storedViewCount(postId)).toBe(viewsBefore + 1);
      await reader.reload();
      await reader.goto(`/square/${postId}`);
      await reloadUntilShown(reader, viewsBefore + 1);
      expect(await storedViewCount(postId)).toBe(viewsBefore + 1);

      // A second first-time reader behind the same address with the same browser: its own cookie, its own view.
      const otherReader = await board.newPage({ javaScriptEnabled });
      await otherReader.goto(`/square/${postId}`);
      expect(await storedViewCount(postId)).toBe(viewsBefore + 2);
      await reloadUntilShown(otherReader, viewsBefore + 2);
      expect(await storedViewCount(postId)).toBe(viewsBefore + 2);
    });
  }

  it("count a post opened from the list in the app once, and not again when the reader comes back to it", async () => {
    const postId = 399627;
    const viewsBefore = await storedViewCount(postId);
    const page = await board.newPage();
    await page.goto("/square");
    await waitForHydration(page);
    const viewImageLoaded = () =>
      page.locator("img.view-image").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth === 1);

    const openPost = async () => {
      await page.locator(`.board-table a[href="/square/${postId}"]`).click();
      await page.waitForURL(`**/square/${postId}`);
      await page.locator(".post-meta").waitFor();
      await expect.poll(viewImageLoaded).toBe(true);
    };
    await openPost();
    await expect.poll(() => storedViewCount(postId)).toBe(viewsBefore + 1);
    await page.goBack();
    await page.waitForURL("**/square");
    await openPost();
    expect(await storedViewCount(postId)).toBe(viewsBefore + 1);
    expect(await page.locator("img.view-image").count()).toBe(1);
  });
});

describe("댓글 더 보기 on the Kakao post (45 comments in 42 threads)", () => {
  const threads = (page: Page) => page.locator(".comment-list > li");
  const allComments = (page: Page) => page.locator(".comment-list li.comment");
  // A button with JavaScript, the link it stands for without.
  const loadMoreButton = (page: Page) => page.getByRole("button", { name: "댓글 더 보기" });
  const loadMoreLink = (page: Page) => page.getByRole("link", { name: "댓글 더 보기" });

  it("loads the next threads in place with JavaScript", async () => {
    const page = await board.newPage();
    await page.goto(`/square/${KAKAO_POST_ID}`);
    await waitForHydration(page);
    await markDocument(page);
    expect(await threads(page).count()).toBe(COMMENT_THREADS_PER_PAGE);

    await loadMoreButton(page).click();
    await expect.poll(() => threads(page).count()).toBe(2 * COMMENT_THREADS_PER_PAGE);
    expect(new URL(page.url()).search).toBe("");

    await loadMoreButton(page).click();
    await expect.poll(() => allComments(page).count()).toBe(45);
    expect(await threads(page).count()).toBe(42);
    expect(await loadMoreButton(page).count()).toBe(0);
    expect(new Set(await allComments(page).evaluateAll((items) => items.map((li) => li.id))).size).toBe(45);
    expect(new URL(page.url()).search).toBe("");
    expect(await isSameDocument(page)).toBe(true);
  });

  it("works as a plain link without JavaScript", async () => {
    const page = await board.newPage({ javaScriptEnabled: false });
    await page.goto(`/square/${KAKAO_POST_ID}`);
    expect(await threads(page).count()).toBe(COMMENT_THREADS_PER_PAGE);

    await loadMoreLink(page).click();
    await page.waitForURL(`**/square/${KAKAO_POST_ID}?comments=40#comments`);
    expect(await threads(page).count()).toBe(2 * COMMENT_THREADS_PER_PAGE);

    await loadMoreLink(page).click();
    await page.waitForURL(`**/square/${KAKAO_POST_ID}?comments=60#comments`);
    expect(await threads(page).count()).toBe(42);
    expect(await allComments(page).count()).toBe(45);
    expect(await loadMoreLink(page).count()).toBe(0);

    const reload = page.getByRole("link", { name: "새 댓글 확인하기" });
    expect(await reload.getAttribute("href")).toBe(`/square/${KAKAO_POST_ID}?comments=42#comments`);
    await reload.click();
    await page.waitForURL(`**/square/${KAKAO_POST_ID}?comments=42#comments`);
    expect(await threads(page).count()).toBe(42);
  });
});
