import type { Kysely } from "kysely";
import { migrateToLatest } from "../migrator";
import { seedDemoData } from "../seed";
import type { Database } from "../types";

export async function migrateAndReport(db: Kysely<Database>): Promise<void> {
  const applied = await migrateToLatest(db);
  if (applied.length === 0) console.log("마이그레이션: 이미 최신입니다 (already up to date)");
  for (const name of applied) console.log(`마이그레이션 적용 (applied): ${name}`);
}

export async function seedAndReport(db: Kysely<Database>): Promise<void> {
  const seeded = await seedDemoData(db);
  console.log(
    seeded
      ? "데모 데이터를 넣었습니다 (demo data seeded)"
      : "게시판이 이미 있어 데모 데이터를 건너뜁니다 (boards exist, seed skipped)",
  );
}
