/**
 * A consistent copy of the DATABASE_URL board, taken while it serves writes, then checked:
 *   npm run backup -- --out backups/madang-2026-11-29.db     (SQLite: online backup API)
 *   npm run backup -- --out backups/madang-2026-11-29.dump   (PostgreSQL: pg_dump --format=custom)
 * Prints the rows per table and the file's size; exits 1 with one line when anything fails.
 */
import { parseArgs } from "node:util";
import { BackupRefused, backupEngineFor } from "../backup";
import { databaseUrlFromEnv, redactUrl } from "../connection";
import { fileSize, printBoardCheck, secondsSinceStart } from "./backup-report";
import { runReportingFailure } from "./run";

const url = databaseUrlFromEnv();
await runReportingFailure(url, async () => {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  if (!values.out) throw new BackupRefused("사용법 (usage): npm run backup -- --out FILE");
  const engine = backupEngineFor(url);
  console.log(`백업 (backup) ${redactUrl(url)} → ${values.out} with ${await engine.describeTool(url)}`);
  const check = await engine.backupTo(url, values.out);
  printBoardCheck(check);
  console.log(`백업 완료 (backup written and checked): ${values.out}, ${fileSize(values.out)}, ${secondsSinceStart()}`);
});
