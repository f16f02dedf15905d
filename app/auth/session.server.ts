import type { Kysely } from "kysely";
import type { Database, Role } from "#db/types";

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

// Placeholder until the accounts work lands: nobody is logged in.
export async function getSessionUser(_db: Kysely<Database>, _request: Request): Promise<SessionUser | null> {
  return null;
}
