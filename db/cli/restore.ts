/**
 * Puts a backup made by `npm run backup` into the empty DATABASE_URL database, then checks it:
 *   npm run restore -- --from backups/madang-2026-11-29.db [--force]
 * A target with any board row is refused unless --force, which replaces it: stop the server first.
 */
import { parseArgs } from "node:util";
import { BackupRefused, backupEngineFor } from "../backup";
import { databaseUrlFromEnv, redactUrl } from "../connection";
import { printBoardCheck, secondsSinceStart } from "./backup-report";
import { runReportingFailure } from "./run";

const url = databaseUrlFromEnv();
await runReportingFailure(url, async () => {
  const { values } = parseArgs({ options: { from: { type: "string" }, force: { type: "boolean", default: false } } });
  if (!values.from) throw new BackupRefused("사용법 (usage): npm run restore -- --from FILE [--force]");
  const engine = backupEngineFor(url);
  console.log(`복원 (restore) ${values.from} → ${redactUrl(url)} with ${await engine.describeTool(url)}`);
  const check = await engine.restoreFrom(url, values.from, { force: values.force });
  printBoardCheck(check);
  console.log(`복원 완료 (restored and checked) in ${secondsSinceStart()}`);
});
