import type { Kysely } from "kysely";
import type { Database } from "#db/types";
import { readCookie } from "~/lib/cookies";

/** A visitor's chosen exclusions live in this cookie as a comma list of category slugs. */
export const EXCLUDE_COOKIE = "madang_exclude";
const EXCLUDE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** More exclusions than this are ignored: every slug costs a condition in each list query. */
export const MAX_EXCLUDED_SLUGS = 20;
const CATEGORY_SLUG_SHAPE = /^[a-z0-9-]{1,30}$/;

/** Category slugs from a comma list (URL or cookie); anything not shaped like a slug is dropped, never an error. */
export function parseExcludedSlugs(list: string): string[] {
  const slugs = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => CATEGORY_SLUG_SHAPE.test(s));
  return [...new Set(slugs)].slice(0, MAX_EXCLUDED_SLUGS);
}

function decodedOrEmpty(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}

export async function getSavedExclusions(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("user_excluded_categories")
    .select("category_slug")
    .where("user_id", "=", userId)
    .orderBy("category_slug")
    .execute();
  return rows.map((r) => r.category_slug);
}

export async function saveExclusions(db: Kysely<Database>, userId: number, slugs: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_excluded_categories").where("user_id", "=", userId).execute();
    if (slugs.length === 0) return;
    await trx
      .insertInto("user_excluded_categories")
      .values(slugs.map((slug) => ({ user_id: userId, category_slug: slug })))
      .execute();
  });
}

/** A visitor's exclusions, read from their cookie. */
export function cookieExclusions(request: Request): string[] {
  const value = readCookie(request, EXCLUDE_COOKIE);
  return value === null ? [] : parseExcludedSlugs(decodedOrEmpty(value));
}

/** Set-Cookie that stores a visitor's exclusions, or clears the cookie when there are none. */
export function exclusionCookie(slugs: string[]): string {
  const secure = process.env.NODE_ENV === "production" ? "; Secure" : "";
  const value = encodeURIComponent(slugs.join(","));
  const maxAge = slugs.length > 0 ? EXCLUDE_COOKIE_MAX_AGE_S : 0;
  return `${EXCLUDE_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The category slugs this reader hides from post lists. `?exclude=` in the address wins (an empty value shows
 * everything this once); otherwise a member's saved settings, or a visitor's cookie.
 */
export async function getReaderExclusions(
  db: Kysely<Database>,
  request: Request,
  user: { id: number } | null,
): Promise<string[]> {
  const fromUrl = new URL(request.url).searchParams.get("exclude");
  if (fromUrl !== null) return parseExcludedSlugs(fromUrl);
  return user ? getSavedExclusions(db, user.id) : cookieExclusions(request);
}

/** One entry per slug, in the order given, named by every distinct name the slug goes by ("정치 · 시사"). */
export function categoriesBySlug(categories: { slug: string; name: string }[]): { slug: string; name: string }[] {
  const names = new Map<string, string[]>();
  for (const { slug, name } of categories) {
    const known = names.get(slug);
    if (!known) names.set(slug, [name]);
    else if (!known.includes(name)) known.push(name);
  }
  return [...names].map(([slug, slugNames]) => ({ slug, name: slugNames.join(" · ") }));
}

/** Every category slug a reader can hide, once each even when several boards share it, with the names it goes by. */
export async function listExcludableCategories(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("categories")
    .innerJoin("boards", "boards.id", "categories.board_id")
    .select(["categories.slug", "categories.name"])
    .orderBy("boards.position")
    .orderBy("boards.id")
    .orderBy("categories.position")
    .orderBy("categories.id")
    .execute();
  return categoriesBySlug(rows);
}
