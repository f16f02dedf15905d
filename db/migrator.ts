import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_MIGRATION_TABLE, Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { AnyKysely } from "./engine";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations", import.meta.url));

/** The migrations in `folder`, by name, in order; read from the file names alone, so plain node can list them too. */
async function migrationNames(folder: string): Promise<string[]> {
  const files = (await readdir(folder)).filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f)).sort();
  return files.map((file) => file.replace(/\.ts$/, ""));
}

/** Kysely's FileMigrationProvider imports by path, which fails for .ts files under vitest; import by file URL instead. */
class UrlMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of await migrationNames(this.folder)) {
      migrations[name] = await import(pathToFileURL(join(this.folder, `${name}.ts`)).href);
    }
    return migrations;
  }
}

/** The database was migrated by a newer version of Madang: this code does not know its schema and must not use it. */
export class NewerDatabaseError extends Error {
  constructor(unknownMigrations: string[]) {
    super(
      `데이터베이스가 이 버전의 마당보다 새 버전입니다 (the database has migrations this code does not know: ` +
        `${unknownMigrations.join(", ")}); 그 마이그레이션이 있는 버전으로 실행하세요 (run the version that has them)`,
    );
  }
}

/** The migrations the database records as run, by name; none when it has no migration table yet. */
async function appliedMigrationNames(db: AnyKysely): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === DEFAULT_MIGRATION_TABLE)) return [];
  const applied: { name: string }[] = await db
    .selectFrom(DEFAULT_MIGRATION_TABLE)
    .select("name")
    .orderBy("name")
    .execute();
  return applied.map((migration) => migration.name);
}

/** Throws NewerDatabaseError when the database records a migration that is not among the migration files. */
export async function assertKnownMigrations(db: AnyKysely, folder: string = MIGRATIONS_DIR): Promise<void> {
  const known = new Set(await migrationNames(folder));
  const unknown = (await appliedMigrationNames(db)).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new NewerDatabaseError(unknown);
}

export async function migrateToLatest<DB>(db: Kysely<DB>, folder: string = MIGRATIONS_DIR): Promise<string[]> {
  await assertKnownMigrations(db, folder);
  const migrator = new Migrator({ db, provider: new UrlMigrationProvider(folder) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * The migrations this code has that the database has not run yet, in the order they would run. Compares names only,
 * without importing the migrations, so the built server (plain node, no TypeScript) can ask too.
 */
export async function pendingMigrationNames(db: AnyKysely, folder: string = MIGRATIONS_DIR): Promise<string[]> {
  const applied = new Set(await appliedMigrationNames(db));
  return (await migrationNames(folder)).filter((name) => !applied.has(name));
}
