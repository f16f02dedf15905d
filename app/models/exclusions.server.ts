import type { Kysely } from "kysely";
import { lockedForUpdate } from "#db/engine";
import type { Database } from "#db/types";
import { cookieExclusions, parseExcludedSlugs } from "~/lib/exclusion-cookie";

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
    // Two saves at once (two tabs) apply one after the other rather than colliding on the primary key.
    await lockedForUpdate(trx, trx.selectFrom("users").select("id").where("id", "=", userId)).execute();
    await trx.deleteFrom("user_excluded_categories").where("user_id", "=", userId).execute();
    if (slugs.length === 0) return;
    await trx
      .insertInto("user_excluded_categories")
      .values(slugs.map((slug) => ({ user_id: userId, category_slug: slug })))
      .execute();
  });
}

/**
 * The category slugs this reader excludes from post lists. `?exclude=` in the address wins (an empty value shows
 * everything this once); otherwise a member's saved settings, or a logged-out reader's cookie.
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

/** Every category slug a reader can exclude, once each even when several boards share it, with the names it goes by. */
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

/** The excluded slugs with the names their categories go by, for a list's exclusion notice. */
export async function describeExcludedCategories(db: Kysely<Database>, excludedSlugs: readonly string[]) {
  if (excludedSlugs.length === 0) return [];
  const rows = await db
    .selectFrom("categories")
    .innerJoin("boards", "boards.id", "categories.board_id")
    .select(["categories.slug", "categories.name"])
    .where("categories.slug", "in", [...excludedSlugs])
    .orderBy("boards.position")
    .orderBy("boards.id")
    .execute();
  return categoriesBySlug(rows);
}
