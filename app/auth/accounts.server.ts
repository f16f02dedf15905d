import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import type { FieldErrors } from "~/lib/forms";
import { WRONG_CREDENTIALS_MESSAGE, WRONG_CURRENT_PASSWORD_MESSAGE } from "./credentials";
import { finishSuccessfulLogin, startLoginAttempt } from "./login-throttle.server";
import { hashPassword, verifyDecoyPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";

const USERNAME_TAKEN_MESSAGE = "이미 사용 중인 아이디입니다.";

// The one database-specific check here: SQLite's and PostgreSQL's codes for a unique constraint violation.
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

export type SignupResult = { ok: true; userId: number } | { ok: false; fieldErrors: FieldErrors };

/** Creates a member; `username` must already be validated and lower-cased (see signupSchema). */
export async function createAccount(
  db: Kysely<Database>,
  input: { username: string; password: string },
  now = Date.now(),
): Promise<SignupResult> {
  const taken: SignupResult = { ok: false, fieldErrors: { username: USERNAME_TAKEN_MESSAGE } };
  // Checked first so a taken name costs no hashing; the unique constraint still decides a race.
  const existing = await db.selectFrom("users").select("id").where("username", "=", input.username).executeTakeFirst();
  if (existing) return taken;
  const passwordHash = await hashPassword(input.password);
  try {
    const { id } = await db
      .insertInto("users")
      .values({ username: input.username, password_hash: passwordHash, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, userId: id };
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; status: 400; message: string }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

/**
 * Checks a login under the failure limits. Unknown users and wrong passwords get the same answer and the same
 * amount of hashing work; every failure is recorded for the limits.
 */
export async function attemptLogin(
  db: Kysely<Database>,
  attempt: { ip: string; username: string; password: string },
  now = Date.now(),
): Promise<LoginResult> {
  const started = await startLoginAttempt(db, attempt, now);
  if (!started.allowed) {
    const message = "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.";
    return { ok: false, status: 429, message, retryAfterSeconds: started.retryAfterSeconds };
  }
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "role", "password_hash"])
    .where("username", "=", attempt.username)
    .executeTakeFirst();
  let passwordMatches = false;
  if (user) passwordMatches = await verifyPassword(user.password_hash, attempt.password);
  else await verifyDecoyPassword(attempt.password);
  // The attempt stays recorded as a failure.
  if (!user || !passwordMatches) return { ok: false, status: 400, message: WRONG_CREDENTIALS_MESSAGE };
  await finishSuccessfulLogin(db, started.attemptId, now);
  return { ok: true, user: { id: user.id, username: user.username, role: user.role } };
}

export type PasswordChangeResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

/**
 * Sets a new password and ends every session of the user, the one making the change included: the caller starts a
 * fresh one, so a session id that leaked before the change is worthless after it.
 */
export async function changePassword(
  db: Kysely<Database>,
  change: { userId: number; currentPassword: string; newPassword: string },
): Promise<PasswordChangeResult> {
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", change.userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, change.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE } };
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", change.userId).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", change.userId).execute();
  });
  return { ok: true };
}

/** Gives an existing account the admin role (`npm run make-admin`); false when no user has that name. */
export async function makeAdmin(db: Kysely<Database>, username: string): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ role: "admin" })
    .where("username", "=", username)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
