import { makeAdmin } from "~/auth/accounts.server";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

const adminNames = async () =>
  (await db.selectFrom("users").where("role", "=", "admin").select("username").orderBy("username").execute()).map(
    (u) => u.username,
  );

describe("makeAdmin", () => {
  it("makes an existing member an admin", async () => {
    await db.insertInto("users").values({ username: "future_admin", password_hash: "x", created_at: 0 }).execute();
    expect(await makeAdmin(db, "future_admin")).toBe(true);
    const user = await db
      .selectFrom("users")
      .where("username", "=", "future_admin")
      .select("role")
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("admin");
  });

  it("reports an unknown username without changing anyone", async () => {
    const before = await adminNames();
    expect(await makeAdmin(db, "nobody_here")).toBe(false);
    expect(await adminNames()).toEqual(before);
    expect(before).not.toContain("nobody_here");
  });
});
