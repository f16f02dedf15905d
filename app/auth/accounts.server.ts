import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import type { FieldErrors } from "~/lib/forms";
import { WRONG_CREDENTIALS_MESSAGE, WRONG_CURRENT_PASSWORD_MESSAGE } from "./credentials";
import { finishSuccessfulLogin, startLoginAttempt } from "./login-throttle.server";
import { forgetOtherDevices, recognisedDevice } from "./known-devices.server";
import { hashPassword, passwordMatches } from "./password.server";
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

/** A password typed to prove who one is, at login or to change it, from this address and this browser. */
interface PasswordAttempt {
  ip: string;
  username: string;
  password: string;
  /** The browser's device cookie (deviceTokenOf), whether or not it is known. */
  deviceToken: string | null;
}

type PasswordCheck =
  { kind: "right"; user: SessionUser } | { kind: "wrong" } | { kind: "throttled"; retryAfterSeconds: number };

/**
 * Checks a password under the failure limits of app/auth/login-throttle. Unknown users, wrong passwords and accounts
 * nobody can log in to get the same answer and the same amount of hashing work; every failure is recorded for the
 * limits, and a refused attempt is answered before the account is looked at.
 */
async function checkPasswordUnderLimits(
  db: Kysely<Database>,
  attempt: PasswordAttempt,
  now: number,
): Promise<PasswordCheck> {
  const device = await recognisedDevice(db, attempt.deviceToken, attempt.username, now);
  const started = await startLoginAttempt(db, { ip: attempt.ip, username: attempt.username, device }, now);
  if (!started.allowed) return { kind: "throttled", retryAfterSeconds: started.retryAfterSeconds };
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "role", "password_hash"])
    .where("username", "=", attempt.username)
    .executeTakeFirst();
  const matches = await passwordMatches(user?.password_hash ?? null, attempt.password);
  // A wrong password's attempt stays recorded as a failure.
  if (!user || !matches) return { kind: "wrong" };
  await finishSuccessfulLogin(db, started.attemptId, now);
  return { kind: "right", user: { id: user.id, username: user.username, role: user.role } };
}

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; status: 400; message: string }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

export async function attemptLogin(
  db: Kysely<Database>,
  attempt: PasswordAttempt,
  now = Date.now(),
): Promise<LoginResult> {
  const check = await checkPasswordUnderLimits(db, attempt, now);
  if (check.kind === "throttled") {
    const message = "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.";
    return { ok: false, status: 429, message, retryAfterSeconds: check.retryAfterSeconds };
  }
  if (check.kind === "wrong") return { ok: false, status: 400, message: WRONG_CREDENTIALS_MESSAGE };
  return { ok: true, user: check.user };
}

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; status: 400; fieldErrors: FieldErrors }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

/**
 * Sets a new password once the current one is proven, under the same limits as logins (a stolen session must not
 * become a way to guess the password). Ends every session of the user, the one making the change included: the
 * caller starts a fresh one, so a session id that leaked before the change is worthless after it. Every other
 * device must log in again to be a known device.
 */
export async function changePassword(
  db: Kysely<Database>,
  change: { user: SessionUser; ip: string; deviceToken: string | null; currentPassword: string; newPassword: string },
  now = Date.now(),
): Promise<PasswordChangeResult> {
  const { user, ip, deviceToken } = change;
  const attempt = { ip, username: user.username, password: change.currentPassword, deviceToken };
  const check = await checkPasswordUnderLimits(db, attempt, now);
  if (check.kind === "throttled") {
    const message = "비밀번호 확인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.";
    return { ok: false, status: 429, message, retryAfterSeconds: check.retryAfterSeconds };
  }
  if (check.kind === "wrong") {
    return { ok: false, status: 400, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE } };
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", user.id).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await forgetOtherDevices(trx, user.id, deviceToken);
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
