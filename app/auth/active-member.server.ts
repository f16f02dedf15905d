import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { forbidden } from "~/lib/http.server";
import { findActiveSuspension, suspensionMessage } from "~/models/suspensions.server";
import { requireUser, type SessionContext, type SessionUser } from "./session.server";

/**
 * Throws a 403 with the reason and the end of the suspension when this member is suspended. Read from the database
 * on every call, never kept in the session, so a suspension reaches sessions already open at their next write.
 */
export async function assertNotSuspended(db: Kysely<Database>, user: SessionUser): Promise<void> {
  const suspension = await findActiveSuspension(db, user.id);
  if (suspension) throw forbidden(suspensionMessage(suspension));
}

/**
 * The logged-in member, for every write to the board (posts, edits, comments, scraps, reports, blocks): like
 * requireUser, and a suspended member gets a 403 instead. Personal settings (password, filters) use requireUser.
 */
export async function requireActiveMember(context: SessionContext, request: Request): Promise<SessionUser> {
  const user = await requireUser(context, request);
  await assertNotSuspended(context.db, user);
  return user;
}

/** For pages that offer a write form: the notice to show in its place, or null when the member may write. */
export async function suspensionNoticeFor(db: Kysely<Database>, user: SessionUser | null): Promise<string | null> {
  const suspension = user ? await findActiveSuspension(db, user.id) : null;
  return suspension ? suspensionMessage(suspension) : null;
}
