import { useBoardInBrowser } from "../helpers/browser";

const board = useBoardInBrowser();

describe("browser harness", () => {
  it("serves the front page of the built app to Chromium", async () => {
    const page = await board.newPage();
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(await page.title()).toMatch(/Madang|마당/);
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
