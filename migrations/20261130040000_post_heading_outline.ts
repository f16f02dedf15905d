import type { Kysely } from "kysely";

// Frozen in time: this file must never import application code, so it carries its own copy of the heading outline of
// the day (outlineHeadings in app/lib/markdown.server.ts), applied to the HTML the old renderer stored.
// Posts are rendered once, when saved. Their headings used to keep the level the author typed (# → h1), under the
// page's own h1; they now start at h2 and never skip a level (docs/decisions/028-accessibility.md). Stored HTML is
// sanitized output in which a heading tag has no attributes and a typed "<" is always "&lt;", so every "<hN>" and
// "</hN>" is a heading tag. Re-leveling is idempotent (its output already starts at h2 without gaps), so a run cut
// short is simply run again.

const BATCH = 1000;
const HEADING_TAG = /<(\/?)h([1-6])>/g;

function outlineHeadings(html: string): string {
  const openDepths: number[] = [];
  let level = 0;
  return html.replace(HEADING_TAG, (_tag, closing: string, depth: string) => {
    if (closing) return `</h${level}>`;
    while (openDepths.length > 0 && openDepths[openDepths.length - 1] >= Number(depth)) openDepths.pop();
    openDepths.push(Number(depth));
    level = Math.min(openDepths.length + 1, 6);
    return `<h${level}>`;
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  for (let after = 0; ;) {
    const rows: { id: number | string; body_html: string }[] = await db
      .selectFrom("posts")
      .select(["id", "body_html"])
      .where("id", ">", after)
      .where("body_html", "like", "%<h%")
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const html = outlineHeadings(row.body_html);
      if (html !== row.body_html) {
        await db.updateTable("posts").set({ body_html: html }).where("id", "=", row.id).execute();
      }
    }
    after = Number(rows[rows.length - 1].id);
  }
}
