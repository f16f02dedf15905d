import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContextOptions, Page } from "playwright-core";
import { takePageProblems, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { KAKAO_POST_ID, KAKAO_TITLE } from "../helpers/square-posts";

const board = useBoardInBrowser();

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const SCREENS = { phone: PHONE, desktop: DESKTOP };

const LONG_TITLE =
  "국회의사당 앞에서 열린 기자회견에서 정부는 새로운 부동산 정책과 청년 금융 지원 방안을 함께 발표했습니다";
/** The page background of each theme (app.css --bg). */
const LIGHT_BACKGROUND = "rgb(250, 250, 250)";
const DARK_BACKGROUND = "rgb(18, 20, 23)";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const listRows = (page: Page) => page.locator(".board-list tr.post-row:not(.notice-row)");
const noticeRows = (page: Page) => page.locator(".board-list tr.post-row.notice-row");

/** Console errors of a page, less a post body's pictures from other sites (tests are offline). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
  return errors;
}

/** Text smaller than 12 px anywhere on the page: "<px> <text>" per element holding such text. */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.body.querySelectorAll("*")]
      .filter((element) =>
        [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ""),
      )
      .filter((element) => element.checkVisibility() && !element.closest(".visually-hidden"))
      .map((element) => ({ element, size: parseFloat(getComputedStyle(element).fontSize) }))
      .filter(({ size }) => size < 12)
      .map(({ element, size }) => `${size} ${element.textContent!.trim().slice(0, 40)}`),
  );
}

/**
 * Controls smaller than 24×24 px (WCAG 2.2 target size): "<w>×<h> <name>" each. Links inside a sentence are exempt
 * as WCAG exempts them, and so is the author's own content (.post-body). On a phone a list row is measured whole,
 * since its title link covers it. Only the controls on the page are measured: a comment's reply and report forms are
 * there once 답글 or 신고 opens them.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const inSentence = (element: Element) =>
      getComputedStyle(element).display === "inline" &&
      (element.parentElement?.textContent ?? "").trim().length > (element.textContent ?? "").trim().length &&
      !element.closest("td, nav, .comment__tools");
    return [...document.querySelectorAll("a[href], button, summary, select, input:not([type=hidden]), textarea")]
      .filter((element) => element.checkVisibility() && !element.closest(".post-body, .skip-link"))
      .filter((element) => !inSentence(element))
      .map((element) => {
        const row = element.closest("tr.post-row");
        // A radio button's label is its target too.
        const target = row && getComputedStyle(row).display === "flex" ? row : (element.closest("label") ?? element);
        const { width, height } = target.getBoundingClientRect();
        return {
          width,
          height,
          name: (element.textContent ?? "").trim().slice(0, 30) || element.outerHTML.slice(0, 60),
        };
      })
      .filter(({ width, height }) => width < 24 || height < 24)
      .map(({ width, height, name }) => `${Math.round(width)}×${Math.round(height)} ${name}`);
  });
}

async function heightOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not shown`);
  return box.height;
}

/** Places where a line of the element's text breaks between two Hangul syllables: a Korean word cut in two. */
function cutWords(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((element) => {
    const text = element.firstChild as Text;
    const range = document.createRange();
    const cuts: string[] = [];
    let lastTop: number | null = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (lastTop !== null && rect.top > lastTop + 2) {
        const around = text.data.slice(i - 1, i + 1);
        if (/^[가-힣]{2}$/.test(around)) cuts.push(around);
      }
      lastTop = rect.top;
    }
    return cuts;
  });
}

async function backgroundOf(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

/** axe-core's colour-contrast rule on the page as shown: "<target> <message>" per failing node. */
async function contrastFailures(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, { runOnly: ["color-contrast"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`));
  });
}

describe("the board list on a phone (390×844)", () => {
  it("makes each post one tappable block: title and comment count, then category · time · views", async () => {
    const page = await board.newPage(PHONE);
    const errors = consoleErrors(page);
    await page.goto("/square");
    await waitForHydration(page);
    expect(await page.locator(".board-table thead").boundingBox()).toMatchObject({ width: 1, height: 1 });

    const rows = listRows(page);
    expect(await rows.count()).toBe(20);
    for (const row of await rows.all()) {
      await row.scrollIntoViewIfNeeded();
      const box = (await row.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      const title = (await row.locator(".col-title").boundingBox())!;
      const category = (await row.locator(".col-category").boundingBox())!;
      const views = (await row.locator(".col-views").boundingBox())!;
      expect(category.y).toBeGreaterThanOrEqual(title.y + title.height - 1);
      expect(views.y).toBe(category.y);
      // Any point of the row, the second line's included, lands on the title's link.
      const href = await row.locator(".col-title a").getAttribute("href");
      const landsOn = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x, y)?.closest("a")?.getAttribute("href"),
        [category.x + 2, category.y + category.height / 2],
      );
      expect(landsOn).toBe(href);
      expect(await row.locator(".col-no").isVisible()).toBe(false);
    }

    const kakao = rows.filter({ has: page.getByRole("link", { name: KAKAO_TITLE }) });
    expect(await kakao.locator(".col-category").innerText()).toBe("기사/뉴스");
    expect(await kakao.locator(".col-views").innerText()).toBe("3,382");
    await kakao.scrollIntoViewIfNeeded();
    const second = (await kakao.locator(".col-date").boundingBox())!;
    await page.mouse.click(second.x + second.width / 2, second.y + second.height / 2);
    await page.waitForURL(new RegExp(`/square/${KAKAO_POST_ID}`));
    expect(errors).toEqual([]);
  });

  it("marks 이벤트 and 공지 notices and keeps each notice to one line", async () => {
    const page = await board.newPage(PHONE);
    await page.goto("/square");
    const notices = noticeRows(page);
    expect(await notices.count()).toBe(5);
    expect(await notices.locator(".badge").allInnerTexts()).toEqual(["이벤트", "공지", "공지", "공지", "공지"]);
    for (const notice of await notices.all()) {
      expect(await notice.locator(".badge").isVisible()).toBe(true);
      const height = (await notice.boundingBox())!.height;
      expect(height).toBeGreaterThanOrEqual(44);
      expect(height).toBeLessThan(60);
      const link = notice.locator(".col-title a");
      expect(await link.evaluate((a) => getComputedStyle(a).textOverflow)).toBe("ellipsis");
      expect(await link.evaluate((a) => a.getClientRects().length)).toBe(1);
    }
    expect(await heightOf(page, ".notice-toggle a")).toBeGreaterThanOrEqual(44);
    await page.getByRole("link", { name: "모든 공지 확인하기(11)" }).click();
    await expect.poll(() => noticeRows(page).count()).toBe(11);
  });

  it("lays out /notices the same way, an admin's buttons above the row's link", async () => {
    const page = await board.newMemberPage("phone_admin", { ...PHONE, role: "admin" });
    await page.goto("/notices");
    const row = page.locator("tr.post-row", { hasText: "[공지] 언금 공지 해제" });
    expect(await row.locator(".badge").isVisible()).toBe(true);
    const down = row.getByRole("button", { name: /아래로$/ });
    const box = (await down.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest("button")?.textContent,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit).toBe("아래로");
  });

  it("breaks titles only between words, at both widths", async () => {
    const writer = await board.newMemberPage("long_title_writer", PHONE);
    await writer.goto("/square/write");
    await writer.getByLabel("카테고리").selectOption("info");
    await writer.getByLabel("제목").fill(LONG_TITLE);
    await writer.getByLabel("본문").fill("본문입니다.");
    await writer.getByRole("button", { name: "등록" }).click();
    await writer.waitForURL(/\/square\/\d+$/);
    expect(await cutWords(writer, "h1")).toEqual([]);
    expect(await writer.locator("h1").evaluate((h) => h.getClientRects()[0].height)).toBeGreaterThan(40);

    for (const screen of Object.values(SCREENS)) {
      const page = await board.newPage(screen);
      await page.goto("/square");
      const title = page.getByRole("link", { name: LONG_TITLE });
      expect(await title.evaluate((a) => getComputedStyle(a).wordBreak)).toBe("keep-all");
      expect(await title.evaluate((a) => getComputedStyle(a).overflowWrap)).toBe("anywhere");
      expect(await cutWords(page, `.board-list a:text-is("${LONG_TITLE}")`)).toEqual([]);
      if (screen === PHONE) expect(await title.evaluate((a) => a.getClientRects().length)).toBeGreaterThan(1);
    }
  });

  // The heads and cells themselves are checked by reading.test.ts.
  it("keeps the desktop table's columns side by side", async () => {
    const page = await board.newPage(DESKTOP);
    await page.goto("/square");
    expect(await page.locator(".board-table thead").isVisible()).toBe(true);
    const kakao = listRows(page).filter({ has: page.getByRole("link", { name: KAKAO_TITLE }) });
    const cells = await kakao.locator("td").all();
    const tops = await Promise.all(cells.map(async (cell) => (await cell.boundingBox())!.y));
    expect(new Set(tops).size).toBe(1);
    expect(await noticeRows(page).first().locator(".col-no .badge").innerText()).toBe("이벤트");
  });
});

describe("sizes on the list and post pages", () => {
  for (const [screenName, screen] of Object.entries(SCREENS)) {
    it(`keeps text at 12 px or more and controls at 24×24 px or more (${screenName}, visitor and member)`, async () => {
      const visitor = await board.newPage(screen);
      const member = await board.newMemberPage(`sizes_${screenName}`, screen);
      for (const page of [visitor, member]) {
        for (const path of ["/square", "/square?notices=all&page=2", `/square/${KAKAO_POST_ID}`, "/hot"]) {
          await page.goto(path);
          expect({ path, small: await smallText(page) }).toEqual({ path, small: [] });
          expect({ path, small: await smallTargets(page) }).toEqual({ path, small: [] });
        }
      }
    });
  }

  it("gives the main controls 44 px on a phone", async () => {
    const page = await board.newMemberPage("big_buttons", PHONE);
    await page.goto("/square");
    const actions = page.locator(".board-actions");
    for (const control of [
      actions.getByRole("link", { name: "글쓰기" }),
      actions.getByRole("link", { name: "HOT" }),
      actions.getByRole("button", { name: "검색" }),
    ]) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    await page.goto(`/square/${KAKAO_POST_ID}`);
    const controls = [
      page.getByRole("link", { name: "목록", exact: true }),
      page.getByRole("link", { name: "댓글 45" }),
      page.locator(".comment-actions").getByText("댓글 더 보기"),
      page.getByRole("button", { name: "댓글 등록" }),
      ...(await page.getByRole("button", { name: /^스크랩/ }).all()),
    ];
    for (const control of controls) expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  });
});

describe("the post page's top", () => {
  it("offers 스크랩 and the comment count by the title as well as at the end, without JavaScript", async () => {
    const page = await board.newMemberPage("scrap_by_title", { ...PHONE, javaScriptEnabled: false });
    await page.goto(`/square/${KAKAO_POST_ID}`);
    const header = page.locator(".post-header");
    expect(await header.getByRole("link", { name: "댓글 45" }).getAttribute("href")).toBe("#comments");
    expect((await header.getByRole("link", { name: "댓글 45" }).boundingBox())!.y).toBeLessThan(844);
    await header.getByRole("button", { name: "스크랩 (0)" }).click();
    await page.waitForURL(new RegExp(`/square/${KAKAO_POST_ID}`));
    expect(await page.locator('button[aria-pressed="true"]').allInnerTexts()).toEqual(["스크랩 (1)", "스크랩 (1)"]);
    const ids = await page.evaluate(() => [...document.querySelectorAll(".post [id]")].map((element) => element.id));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});

describe("the dark theme", () => {
  it("follows the system's dark setting, with every text at 4.5:1 or more in both themes", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const screen of Object.values(SCREENS)) {
        const page = await board.newPage({ ...screen, colorScheme, bypassCSP: true });
        const errors = consoleErrors(page);
        for (const path of ["/square", `/square/${KAKAO_POST_ID}`]) {
          await page.goto(path);
          await waitForHydration(page);
          expect(await backgroundOf(page)).toBe(colorScheme === "dark" ? DARK_BACKGROUND : LIGHT_BACKGROUND);
          await expect
            .poll(() => page.getByRole("button", { name: "다크 모드" }).getAttribute("aria-pressed"))
            .toBe(String(colorScheme === "dark"));
          expect({ path, colorScheme, failures: await contrastFailures(page) }).toEqual({
            path,
            colorScheme,
            failures: [],
          });
        }
        expect(errors).toEqual([]);
      }
    }
  });

  it("keeps 4.5:1 on a member's pages too, in both themes", async () => {
    const paths = ["/", "/hot", "/notices", "/search?q=카카오", "/square/write", "/me", "/scraps", "/notifications"];
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await board.newMemberPage(`contrast_${colorScheme}`, { ...PHONE, colorScheme, bypassCSP: true });
      for (const path of [...paths, "/settings/password", "/login"]) {
        await page.goto(path);
        expect({ path, colorScheme, failures: await contrastFailures(page) }).toEqual({
          path,
          colorScheme,
          failures: [],
        });
      }
      await page.goto(`/square/${KAKAO_POST_ID}`);
      // With a comment's reply form and report form open: the address its 답글 and 신고 link to.
      const commentId = await page.locator("li.comment").first().getAttribute("id");
      await page.goto(
        `/square/${KAKAO_POST_ID}?reply=${commentId!.slice("comment-".length)}&report=${commentId!.slice("comment-".length)}`,
      );
      expect(await page.locator(".comment-list .comment-form").count()).toBe(1);
      expect(await page.locator(".comment .report__form").count()).toBe(1);
      expect(await smallTargets(page)).toEqual([]);
      expect(await contrastFailures(page)).toEqual([]);
    }
  });

  it("remembers the reader's choice across reloads, drawn from the first frame, with the same page for all", async () => {
    const page = await board.newPage(PHONE);
    await page.goto("/square");
    await waitForHydration(page);
    const toggle = page.getByRole("button", { name: "다크 모드" });
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    expect(await backgroundOf(page)).toBe(DARK_BACKGROUND);
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");

    // With the app's scripts kept from loading, only the one in <head> runs: the page is dark from its first frame.
    await page.route("**/build/**/*.js", (route) => route.abort());
    await page.reload();
    expect(await backgroundOf(page)).toBe(DARK_BACKGROUND);
    takePageProblems(page.context());
    await page.unroute("**/build/**/*.js");

    await page.goto(`/square/${KAKAO_POST_ID}`);
    expect(await backgroundOf(page)).toBe(DARK_BACKGROUND);
    await waitForHydration(page);
    await page.getByRole("button", { name: "다크 모드" }).click();
    await page.reload();
    expect(await backgroundOf(page)).toBe(LIGHT_BACKGROUND);

    const html = await (await page.request.get("/square")).text();
    expect(html).toContain('<html lang="ko">');
  });

  it("without JavaScript follows the system and hides the toggle", async () => {
    const page = await board.newPage({ ...PHONE, colorScheme: "dark", javaScriptEnabled: false });
    await page.goto("/square");
    expect(await backgroundOf(page)).toBe(DARK_BACKGROUND);
    expect(await page.getByRole("button", { name: "다크 모드" }).isVisible()).toBe(false);
  });
});
