import { sql, type Kysely } from "kysely";

// Frozen in time: this file must never import application code.
// A category may name the badge its notices wear in the lists instead of 공지; until now the list gave 이벤트 to
// notices in any category whose slug was "event", so those categories get that badge here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("categories")
    .addColumn("notice_badge", "text", (c) =>
      c.check(sql`notice_badge is null or length(notice_badge) between 1 and 10`),
    )
    .execute();
  await db.updateTable("categories").set({ notice_badge: "이벤트" }).where("slug", "=", "event").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("categories").dropColumn("notice_badge").execute();
}
