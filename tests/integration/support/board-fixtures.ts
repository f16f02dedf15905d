import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, NoticeScope, Role } from "#db/types";
import { startSession } from "~/auth/session.server";

export const ORIGIN = "http://madang.test";
const T0 = 1_800_000_000_000;

export type RouteFunction = (args: ActionFunctionArgs & LoaderFunctionArgs) => Promise<unknown> | unknown;

/** What a route's outcome carries: a Response's text, the payload inside `data()`, or the returned value itself. */
type Payload<T> = T extends Response ? string : T extends { data: infer D; init: ResponseInit | null } ? D : T;

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  data: T;
}

/**
 * Runs a loader or action the way Remix would and flattens its outcome (returned, `data()`, or thrown Response).
 * `clientAddress` stands in for what server.js puts in the load context.
 */
export async function callRoute<R extends RouteFunction>(
  db: Kysely<Database>,
  route: R,
  request: Request,
  params: Record<string, string> = {},
  clientAddress?: string,
): Promise<Answer<Payload<Awaited<ReturnType<R>>>>> {
  let outcome: unknown;
  try {
    outcome = await route({ request, context: { db, clientAddress }, params });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    outcome = thrown;
  }
  // The route's own return type says what the payload is; the runtime checks below only pick which kind it is.
  type Flattened = Answer<Payload<Awaited<ReturnType<R>>>>;
  if (outcome instanceof Response) {
    return { status: outcome.status, headers: outcome.headers, data: await outcome.text() } as Flattened;
  }
  if (outcome && typeof outcome === "object" && "init" in outcome && "data" in outcome) {
    const init = outcome.init as ResponseInit | null;
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), data: outcome.data } as Flattened;
  }
  return { status: 200, headers: new Headers(), data: outcome } as Flattened;
}

/** The payload of an answer that is not a bare Response (a form sent back with its errors, a page's data). */
export function payloadOf<T>(answer: Answer<T>): Exclude<T, string> {
  if (typeof answer.data === "string") throw new Error(`expected data, got a ${answer.status} response`);
  return answer.data as Exclude<T, string>;
}

/** Narrows a payload to one of its kinds, failing the test when the route answered with another. */
export function ofKind<T extends { kind: string }, K extends T["kind"]>(data: T, kind: K): Extract<T, { kind: K }> {
  if (data.kind !== kind) throw new Error(`expected a "${kind}" answer, got "${data.kind}"`);
  return data as Extract<T, { kind: K }>;
}

export function formPost(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  const headers = new Headers({ Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body });
}

export function pageGet(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export async function createUser(db: Kysely<Database>, username: string, role: Role = "member"): Promise<number> {
  const user = await db
    .insertInto("users")
    .values({ username, password_hash: "!test", role, created_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return user.id;
}

/** The session cookie a browser would send after this user logged in. */
export async function sessionCookieFor(db: Kysely<Database>, userId: number): Promise<string> {
  const headers = await startSession(db, new Request("http://localhost/"), userId);
  return (headers.get("Set-Cookie") ?? "").split(";")[0];
}

export interface TestBoard {
  id: number;
  slug: string;
  categoryIds: Record<string, number>;
}

export async function createTestBoard(
  db: Kysely<Database>,
  slug: string,
  categories: { slug: string; name: string }[] = [],
): Promise<TestBoard> {
  const board = await db
    .insertInto("boards")
    .values({ slug, name: `${slug} 게시판`, created_at: T0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const categoryIds: Record<string, number> = {};
  for (const [position, category] of categories.entries()) {
    const row = await db
      .insertInto("categories")
      .values({ board_id: board.id, slug: category.slug, name: category.name, position })
      .returning("id")
      .executeTakeFirstOrThrow();
    categoryIds[category.slug] = row.id;
  }
  return { id: board.id, slug, categoryIds };
}

export interface TestPostOptions {
  authorId: number;
  title?: string;
  category?: string;
  notice?: { scope: Exclude<NoticeScope, "none">; order: number };
}

/** A live post, with the board and category counters kept in step as the app's own writes would. */
export async function createTestPost(
  db: Kysely<Database>,
  board: TestBoard,
  options: TestPostOptions,
): Promise<number> {
  const categoryId = options.category ? board.categoryIds[options.category] : null;
  const post = await db
    .insertInto("posts")
    .values({
      board_id: board.id,
      category_id: categoryId,
      author_id: options.authorId,
      title: options.title ?? "글",
      body_md: "본문",
      body_html: "<p>본문</p>",
      is_anonymous: 0,
      notice_scope: options.notice?.scope ?? "none",
      notice_order: options.notice?.order ?? 0,
      created_at: T0,
      updated_at: T0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("boards")
    .set((eb) => ({ post_count: eb("post_count", "+", 1) }))
    .where("id", "=", board.id)
    .execute();
  if (categoryId !== null) {
    await db
      .updateTable("categories")
      .set((eb) => ({ post_count: eb("post_count", "+", 1) }))
      .where("id", "=", categoryId)
      .execute();
  }
  return post.id;
}
