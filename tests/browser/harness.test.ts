import { takePageProblems, useBoardInBrowser } from "../helpers/browser";

const board = useBoardInBrowser();

describe("browser harness", () => {
  it("serves the front page of the built app to Chromium", async () => {
    const page = await board.newPage();
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(await page.title()).toMatch(/Madang|마당/);
  });

  it("notices a script the content security policy refuses, so no test passes with a page it breaks", async () => {
    const page = await board.newPage();
    await page.goto("/");
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.title = 'injected'";
      document.body.append(script);
    });
    await expect
      .poll(() => takePageProblems(page.context()))
      .toEqual([expect.stringContaining("violates the following Content Security Policy directive")]);
    expect(await page.title()).not.toBe("injected");
  });

  it("gives the test a connection to the server's seeded database", async () => {
    const db = board.openDatabase();
    const { n } = await db
      .selectFrom("boards")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(0);
  });
});
