import type { Page } from "playwright-core";
import { useBoardInBrowser, waitForHydration } from "../helpers/browser";

// A member's pages read the session once for the header and the page, and the header's data carries no member id:
// they must still render the same on the server and in the browser (no hydration error), with or without JavaScript.

const board = useBoardInBrowser();

/** Console errors of a page from now on: React reports a hydration mismatch there. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

function accountNav(page: Page) {
  return page.getByRole("navigation", { name: "계정" });
}

describe("a member's pages", () => {
  it("hydrate without errors: the list, a post under it, and back", async () => {
    const page = await board.newMemberPage("hydration_admin", { role: "admin" });
    const errors = consoleErrors(page);
    await page.goto("/talk");
    await waitForHydration(page);
    expect(await accountNav(page).getByRole("link", { name: "hydration_admin" }).count()).toBe(1);
    expect(await accountNav(page).getByRole("link", { name: "관리" }).count()).toBe(1);

    await page.locator(".board-table .col-title a").first().click();
    await page.waitForURL(/\/talk\/\d+/);
    await page.locator("article").first().waitFor();
    await page.reload();
    await waitForHydration(page);
    await page.goBack();
    await page.waitForURL(/\/talk$/);
    expect(await accountNav(page).getByRole("link", { name: "hydration_admin" }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("show the member in the header without JavaScript", async () => {
    const page = await board.newMemberPage("no_js_member", { javaScriptEnabled: false });
    await page.goto("/talk");
    const postHref = await page.locator(".board-table .col-title a").first().getAttribute("href");
    await page.goto(postHref!);
    expect(await accountNav(page).getByRole("link", { name: "no_js_member" }).count()).toBe(1);
    expect(await accountNav(page).getByRole("button", { name: "로그아웃" }).count()).toBe(1);
    expect(await accountNav(page).getByRole("link", { name: "관리" }).count()).toBe(0);
  });
});
