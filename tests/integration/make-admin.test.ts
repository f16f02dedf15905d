import type { Kysely } from "kysely";
import { makeAdmin } from "~/auth/accounts.server";
import type { Database } from "#db/types";
import { createTestDbUrl } from "../helpers/db";
import { openDatabase } from "#db/connection";

// Each test gets its own database: "nobody else became an admin" must not depend on which test ran first.
let db: Kysely<Database>;

beforeEach(async () => {
  db = openDatabase(await createTestDbUrl());
  return () => db.destroy();
});

async function addMember(username: string) {
  await db.insertInto("users").values({ username, password_hash: "x", created_at: 0 }).execute();
}

async function admins(): Promise<string[]> {
  const rows = await db.selectFrom("users").where("role", "=", "admin").select("username").execute();
  return rows.map((row) => row.username);
}

describe("makeAdmin", () => {
  it("makes an existing member an admin, and only that member", async () => {
    await addMember("future_admin");
    await addMember("bystander");
    expect(await makeAdmin(db, "future_admin")).toBe(true);
    expect(await admins()).toEqual(["future_admin"]);
  });

  it("reports an unknown username without changing anyone", async () => {
    await addMember("bystander");
    expect(await makeAdmin(db, "nobody_here")).toBe(false);
    expect(await admins()).toEqual([]);
  });
});
