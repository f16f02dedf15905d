import type { Kysely } from "kysely";
import { Cookie, Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Database, Role } from "#db/types";

// Lucia stays inside app/auth (see docs/decisions/001-sessions-with-lucia.md): nothing else imports "lucia".

/** Other code (the bench, the logged-out page cache) tells logged-in requests by this cookie's presence. */
export const SESSION_COOKIE_NAME = "madang_session";

interface UserAttributes {
  username: string;
  role: Role;
  /** Read with the session (the same row of users), so the header's 알림 count costs no query of its own. */
  unreadNotifications: number;
}

type MadangLucia = Lucia<Record<never, never>, UserAttributes>;

declare module "lucia" {
  interface Register {
    Lucia: MadangLucia;
    UserId: number;
    DatabaseUserAttributes: UserAttributes;
  }
}

/** Lucia's storage interface over the `users` and `sessions` tables; expiry is stored as epoch milliseconds. */
function kyselyAdapter(db: Kysely<Database>): Adapter {
  const toDatabaseSession = (row: { id: string; user_id: number; expires_at: number }): DatabaseSession => ({
    id: row.id,
    userId: row.user_id,
    expiresAt: new Date(row.expires_at),
    attributes: {},
  });

  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .select([
          "sessions.id",
          "sessions.user_id",
          "sessions.expires_at",
          "users.username",
          "users.role",
          "users.unread_notifications",
        ])
        .where("sessions.id", "=", sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
      const attributes = { username: row.username, role: row.role, unreadNotifications: row.unread_notifications };
      const user: DatabaseUser = { id: row.user_id, attributes };
      return [toDatabaseSession(row), user];
    },
    async getUserSessions(userId) {
      const rows = await db
        .selectFrom("sessions")
        .select(["id", "user_id", "expires_at"])
        .where("user_id", "=", userId)
        .execute();
      return rows.map(toDatabaseSession);
    },
    async setSession(session) {
      await db
        .insertInto("sessions")
        .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt.getTime() })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.updateTable("sessions").set({ expires_at: expiresAt.getTime() }).where("id", "=", sessionId).execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom("sessions").where("expires_at", "<=", Date.now()).execute();
    },
  };
}

const luciaByDb = new WeakMap<Kysely<Database>, MadangLucia>();

/** One Lucia per database, so tests can hand in their own. */
export function createLucia(db: Kysely<Database>): MadangLucia {
  let lucia = luciaByDb.get(db);
  if (!lucia) {
    lucia = new Lucia(kyselyAdapter(db), {
      sessionExpiresIn: new TimeSpan(30, "d"),
      sessionCookie: {
        name: SESSION_COOKIE_NAME,
        // Secure is decided per request (sessionSetCookie), not baked in here.
        attributes: { secure: false, sameSite: "lax", path: "/" },
      },
      getUserAttributes: (attributes) => attributes,
    });
    luciaByDb.set(db, lucia);
  }
  return lucia;
}

/**
 * The session cookie's Set-Cookie value (for null, a blank one that clears it), `Secure` exactly when the request is
 * https, like every cookie of the board.
 */
export function sessionSetCookie(lucia: MadangLucia, sessionId: string | null, secure: boolean): string {
  const cookie = sessionId === null ? lucia.createBlankSessionCookie() : lucia.createSessionCookie(sessionId);
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, secure }).serialize();
}
