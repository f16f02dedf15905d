import { createTestDb } from "../helpers/db";
import { ORIGIN, createTestBoard, createUser, sessionCookieFor } from "./support/board-fixtures";
import { buildFromSource, inProcessServer } from "./support/in-process-server";

// What the route fuzzer (fuzz.test.ts) found, each kept as a plain test of the whole request path.

const db = createTestDb();
const REFUSED_URL = { status: 400, body: "잘못된 요청입니다. 주소를 확인해 주세요." };

async function answer(path: string, { cookie, form }: { cookie?: string; form?: Record<string, string> } = {}) {
  const serve = inProcessServer(await buildFromSource());
  const headers: Record<string, string> = { Host: new URL(ORIGIN).host, Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  const request = form
    ? new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(form) })
    : new Request(`${ORIGIN}${path}`, { headers });
  const response = await serve(request, { db });
  return { status: response.status, body: await response.text() };
}

describe("Remix's older data protocol (?_data=)", () => {
  it("is refused with a Korean 400, where a loader returning null made it a 500", async () => {
    const cookie = await sessionCookieFor(db, await createUser(db, "data_member"));
    expect(await answer("/settings/password?_data=routes%2Fsettings.password", { cookie })).toEqual(REFUSED_URL);
  });

  it("is refused for a route id that does not match, where Remix answered in English", async () => {
    expect(await answer("/login?_data=nothing")).toEqual(REFUSED_URL);
  });

  it("leaves single fetch (.data) to Remix", async () => {
    const cookie = await sessionCookieFor(db, await createUser(db, "single_fetch"));
    expect((await answer("/settings/password.data", { cookie })).status).toBe(200);
  });
});

describe("NUL characters, which PostgreSQL refuses in text", () => {
  it("are dropped from what a form saves, where PostgreSQL made it a 500", async () => {
    const cookie = await sessionCookieFor(db, await createUser(db, "nul_admin", "admin"));
    const created = await answer("/admin/boards", { cookie, form: { slug: "nul-board", name: "널\0게시판" } });
    expect(created.status).toBe(303);
    const board = await db.selectFrom("boards").select("name").where("slug", "=", "nul-board").executeTakeFirst();
    expect(board?.name).toBe("널게시판");
  });

  it("are refused in a path or a query with a Korean 400, where PostgreSQL made them 500s", async () => {
    await createTestBoard(db, "nul-path");
    const cookie = await sessionCookieFor(db, await createUser(db, "nul_reader"));
    expect(await answer("/nul-path%00")).toEqual(REFUSED_URL);
    expect(await answer("/scraps?q=%00", { cookie })).toEqual(REFUSED_URL);
  });
});

describe("a path React Router cannot render", () => {
  it.each(["/%5C%5B", "/%5C%01/1"])(
    "%s (a backslash and what cannot follow it in a host name) is a Korean 400, where rendering it was a 500",
    async (path) => {
      expect(await answer(path)).toEqual(REFUSED_URL);
    },
  );
});
