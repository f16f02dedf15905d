import type { Kysely } from "kysely";
import type { Database } from "../types";

/** Makes an existing user an admin; false when no user has that name. */
export async function grantAdmin(db: Kysely<Database>, username: string): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ role: "admin" })
    .where("username", "=", username)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
