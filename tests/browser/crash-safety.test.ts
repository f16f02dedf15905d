import { randomUUID } from "node:crypto";
import { copyFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { sql } from "kysely";
import { inject } from "vitest";
import { describeCrashSafety } from "../helpers/crash-safety";

// Each test gets its own copy of the seeded board; the run's folder, copies included, is removed when the run ends.
describeCrashSafety("SQLite", async () => {
  const seeded = inject("browserSeededDb");
  const path = `${dirname(seeded)}/${randomUUID()}.db`;
  copyFileSync(seeded, path);
  return {
    url: `file:${path}`,
    async engineProblems(db) {
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
      return [
        ...integrity.rows.map((row) => row.integrity_check).filter((result) => result !== "ok"),
        ...foreignKeys.rows.map((row) => `foreign key: ${JSON.stringify(row)}`),
      ];
    },
    // SIGKILL leaves the write-ahead log behind (a clean close folds it in and removes it): the next server must
    // replay its committed transactions and drop the unfinished one.
    expectLeftToRecover() {
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    },
  };
});
