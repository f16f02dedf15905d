import { getBoardBySlug } from "~/models/boards.server";
import { action as boardsAction, loader as boardsLoader } from "~/routes/admin.boards";
import { action as boardAction, loader as boardLoader } from "~/routes/admin.boards_.$slug";
import { createTestDb } from "../helpers/db";
import { callRoute, createUser, formPost, pageGet, payloadOf, sessionCookieFor } from "./support/board-fixtures";

const db = createTestDb();

let adminCookie: string;
let memberCookie: string;

beforeAll(async () => {
  adminCookie = await sessionCookieFor(db, await createUser(db, "admin", "admin"));
  memberCookie = await sessionCookieFor(db, await createUser(db, "member"));
});

const createBoard = (fields: Record<string, string>, cookie = adminCookie) =>
  callRoute(db, boardsAction, formPost("/admin/boards", fields, cookie));
const editBoard = (slug: string, fields: Record<string, string>, cookie = adminCookie) =>
  callRoute(db, boardAction, formPost(`/admin/boards/${slug}`, fields, cookie), { slug });

async function boardCount() {
  const { n } = await db
    .selectFrom("boards")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe("/admin/boards", () => {
  it("lets an admin create a board and its categories, which the board pages then use", async () => {
    const created = await createBoard({ slug: "books", name: "책 이야기", isAnonymous: "1" });
    expect(created.status).toBe(303);
    expect(created.headers.get("Location")).toBe("/admin/boards/books");

    expect(
      (await editBoard("books", { intent: "add-category", slug: "novel", name: "소설", position: "2" })).status,
    ).toBe(303);
    expect(
      (
        await editBoard("books", {
          intent: "add-category",
          slug: "notice",
          name: "알림",
          position: "1",
          adminOnly: "1",
        })
      ).status,
    ).toBe(303);
    const board = await getBoardBySlug(db, "books");
    expect(board).toMatchObject({ name: "책 이야기", isAnonymous: true });
    expect(board!.categories.map((c) => [c.slug, c.name, c.adminOnly])).toEqual([
      ["notice", "알림", true],
      ["novel", "소설", false],
    ]);

    const novel = board!.categories.find((c) => c.slug === "novel")!;
    const renamed = await editBoard("books", {
      intent: "update-category",
      categoryId: String(novel.id),
      slug: "fiction",
      name: "소설/픽션",
      position: "0",
    });
    expect(renamed.status).toBe(303);
    expect((await getBoardBySlug(db, "books"))!.categories.map((c) => c.slug)).toEqual(["fiction", "notice"]);

    const page = await callRoute(db, boardsLoader, pageGet("/admin/boards", adminCookie));
    expect(page.data.boards.map((b: { slug: string }) => b.slug)).toContain("books");
  });

  it("answers 400 with the form kept and a Korean message for bad or taken slugs", async () => {
    await createBoard({ slug: "games", name: "게임" });
    const taken = await createBoard({ slug: "games", name: "또 게임" });
    expect(taken.status).toBe(400);
    expect(payloadOf(taken).fieldErrors.slug).toBe("이미 쓰이는 주소입니다.");
    expect(payloadOf(taken).values.name).toBe("또 게임");

    for (const slug of ["Games", "a", "게임", "admin", "scraps", "x".repeat(31)]) {
      const refused = await createBoard({ slug, name: "게임" });
      expect(refused.status).toBe(400);
      expect(payloadOf(refused).fieldErrors.slug).toMatch(/주소/);
    }
    expect(payloadOf(await createBoard({ slug: "empty-name", name: "   " })).fieldErrors.name).toBe(
      "이름을 입력해 주세요.",
    );
    expect((await createBoard({ slug: "long-name", name: "가".repeat(41) })).status).toBe(400);

    await editBoard("games", { intent: "add-category", slug: "rpg", name: "RPG", position: "0" });
    const sameSlug = await editBoard("games", { intent: "add-category", slug: "rpg", name: "롤플레잉", position: "1" });
    expect(sameSlug.status).toBe(400);
    expect(sameSlug.data).toMatchObject({ intent: "add-category", values: { name: "롤플레잉" } });
    expect(payloadOf(sameSlug).fieldErrors.slug).toBe("이미 쓰이는 주소입니다.");

    await editBoard("games", { intent: "add-category", slug: "fps", name: "FPS", position: "1" });
    const fps = (await getBoardBySlug(db, "games"))!.categories.find((c) => c.slug === "fps")!;
    const clash = await editBoard("games", {
      intent: "update-category",
      categoryId: String(fps.id),
      slug: "rpg",
      name: "FPS",
      position: "1",
    });
    expect(clash.status).toBe(400);
    expect(payloadOf(clash)).toMatchObject({ intent: "update-category", values: { categoryId: String(fps.id) } });
    const badOrder = await editBoard("games", { intent: "add-category", slug: "etc", name: "기타", position: "-1" });
    expect(payloadOf(badOrder).fieldErrors.position).toMatch(/순서/);
  });

  it("answers 404 for a board or category that does not exist", async () => {
    expect(
      (await callRoute(db, boardLoader, pageGet("/admin/boards/nowhere", adminCookie), { slug: "nowhere" })).status,
    ).toBe(404);
    await createBoard({ slug: "music", name: "음악" });
    const other = await createBoard({ slug: "movies", name: "영화" });
    expect(other.status).toBe(303);
    await editBoard("movies", { intent: "add-category", slug: "drama", name: "드라마", position: "0" });
    const drama = (await getBoardBySlug(db, "movies"))!.categories[0];
    // A category of another board cannot be edited through this one.
    const crossBoard = await editBoard("music", {
      intent: "update-category",
      categoryId: String(drama.id),
      slug: "x",
      name: "x",
      position: "0",
    });
    expect(crossBoard.status).toBe(404);
  });

  it("refuses members (403) and logged-out readers (to login), creating nothing", async () => {
    const before = await boardCount();
    expect((await createBoard({ slug: "members", name: "회원" }, memberCookie)).status).toBe(403);
    expect((await callRoute(db, boardsLoader, pageGet("/admin/boards", memberCookie))).status).toBe(403);
    const loggedOut = await callRoute(
      db,
      boardsAction,
      formPost("/admin/boards", { slug: "visitors", name: "방문자" }),
    );
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get("Location")).toMatch(/^\/login\?/);
    expect(await boardCount()).toBe(before);
  });
});
