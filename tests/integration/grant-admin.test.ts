import { grantAdmin } from "#db/cli/grant-admin";
import { createTestDb } from "../helpers/db";

const db = createTestDb();

describe("grantAdmin", () => {
  it("makes an existing member an admin", async () => {
    await db.insertInto("users").values({ username: "future_admin", password_hash: "x", created_at: 0 }).execute();
    expect(await grantAdmin(db, "future_admin")).toBe(true);
    const user = await db
      .selectFrom("users")
      .where("username", "=", "future_admin")
      .select("role")
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("admin");
  });

  it("reports an unknown username without changing anyone", async () => {
    expect(await grantAdmin(db, "nobody_here")).toBe(false);
    const admins = await db.selectFrom("users").where("role", "=", "admin").select("username").execute();
    expect(admins).toEqual([{ username: "future_admin" }]);
  });
});
