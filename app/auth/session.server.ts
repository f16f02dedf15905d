import { redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Role } from "#db/types";
import { readCookie } from "~/lib/cookies";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { forbidden } from "~/lib/http.server";
import { isAdmin } from "~/models/permissions";
import { isHttpsRequest } from "~/lib/trusted-proxies.server";
import { deviceTokenOf, rememberDevice } from "./known-devices.server";
import { createLucia, SESSION_COOKIE_NAME, sessionSetCookie } from "./lucia.server";

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
}

export interface SessionState {
  user: SessionUser | null;
  sessionId: string | null;
  /** The member's unread notifications (0 when logged out), read with the session for the header. */
  unreadNotifications: number;
  /**
   * Set-Cookie to forward to the browser: a renewed cookie when the session was just extended (lucia's "fresh"),
   * or a clearing cookie when the browser holds a dead session id.
   */
  headers: Headers;
}

// Lucia's ids are lower-case base32; checking the shape first keeps junk cookies away from the database.
const SESSION_ID_SHAPE = /^[a-z0-9]{16,64}$/;

function sessionIdFromCookie(cookie: string | null): string | null {
  return cookie !== null && SESSION_ID_SHAPE.test(cookie) ? cookie : null;
}

/** What the session functions need of a loader's or action's context: the load context itself on the server. */
export type SessionContext = { db: Kysely<Database> };

// A page's loaders (the root's and the route's) run with one load context, each with a copy of the request: the
// session is validated once per context. Only for reads: an action may start or end the session before the loaders
// run in the same request.
const sessionsByContext = new WeakMap<SessionContext, Promise<SessionState>>();

/**
 * The logged-in user and any cookie update. Loaders that can forward headers (the root loader) should return
 * `headers` so an active user's cookie is renewed along with the session; the rest can use getSessionUser.
 */
export function readSession(context: SessionContext, request: Request): Promise<SessionState> {
  if (request.method !== "GET" && request.method !== "HEAD") return validateSession(context.db, request);
  let session = sessionsByContext.get(context);
  if (!session) {
    session = validateSession(context.db, request);
    sessionsByContext.set(context, session);
  }
  return session;
}

async function validateSession(db: Kysely<Database>, request: Request): Promise<SessionState> {
  const lucia = createLucia(db);
  const headers = new Headers();
  const cookie = readCookie(request, SESSION_COOKIE_NAME);
  const sessionId = sessionIdFromCookie(cookie);
  const { session, user } = sessionId ? await lucia.validateSession(sessionId) : { session: null, user: null };
  if (!session) {
    if (cookie !== null) headers.append("Set-Cookie", sessionSetCookie(lucia, null, isHttpsRequest(request)));
    return { user: null, sessionId: null, unreadNotifications: 0, headers };
  }
  if (session.fresh) headers.append("Set-Cookie", sessionSetCookie(lucia, session.id, isHttpsRequest(request)));
  return {
    user: { id: user.id, username: user.username, role: user.role },
    sessionId: session.id,
    unreadNotifications: user.unreadNotifications,
    headers,
  };
}

export async function getSessionUser(context: SessionContext, request: Request): Promise<SessionUser | null> {
  return (await readSession(context, request)).user;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const search = new URLSearchParams({ redirectTo: url.pathname + url.search });
  return redirect(`/login?${search}`, 303);
}

/** The logged-in user and session id; otherwise throws a redirect to the login page that comes back here. */
async function requireSession(
  context: SessionContext,
  request: Request,
): Promise<{ user: SessionUser; sessionId: string }> {
  const { user, sessionId } = await readSession(context, request);
  if (!user || !sessionId) throw loginRedirect(request);
  return { user, sessionId };
}

export async function requireUser(context: SessionContext, request: Request): Promise<SessionUser> {
  return (await requireSession(context, request)).user;
}

/** Throws a 403 Response for members. */
export function assertAdmin(user: SessionUser): void {
  if (!isAdmin(user)) throw forbidden("관리자만 할 수 있습니다.");
}

/** Like requireUser, and throws a 403 Response for members. */
export async function requireAdmin(context: SessionContext, request: Request): Promise<SessionUser> {
  const user = await requireUser(context, request);
  assertAdmin(user);
  return user;
}

/** A new session for this user (a fresh id at every login); returns the Set-Cookie headers for the request. */
export async function startSession(db: Kysely<Database>, request: Request, userId: number): Promise<Headers> {
  const lucia = createLucia(db);
  await lucia.deleteExpiredSessions();
  const session = await lucia.createSession(userId, {});
  return new Headers({ "Set-Cookie": sessionSetCookie(lucia, session.id, isHttpsRequest(request)) });
}

/** After a login or a sign-up: a new session, and the browser a known device of the account from now on. */
export async function startSessionOnDevice(db: Kysely<Database>, request: Request, userId: number): Promise<Headers> {
  const headers = await startSession(db, request, userId);
  headers.append("Set-Cookie", await rememberDevice(db, userId, deviceTokenOf(request), isHttpsRequest(request)));
  return headers;
}

/** Ends the request's session on the server; returns the Set-Cookie headers that clear the browser's cookie. */
export async function endSession(db: Kysely<Database>, request: Request): Promise<Headers> {
  const lucia = createLucia(db);
  const sessionId = sessionIdFromCookie(readCookie(request, SESSION_COOKIE_NAME));
  if (sessionId) await lucia.invalidateSession(sessionId);
  return new Headers({ "Set-Cookie": sessionSetCookie(lucia, null, isHttpsRequest(request)) });
}

/** For the login and sign-up pages: where to go afterwards, and straight there for someone already logged in. */
export async function guestPageRedirectTo(context: SessionContext, request: Request): Promise<string> {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (await getSessionUser(context, request)) throw redirect(redirectTo);
  return redirectTo;
}
