import type { BackupEngine } from "./board-check";
import { engineNameOfUrl } from "./connection";
import { postgresBackup } from "./postgres-backup";
import { sqliteBackup } from "./sqlite-backup";

export { BackupRefused, type BackupEngine, type BoardCheck } from "./board-check";

/** The engine that backs up and restores the database at `url`. */
export function backupEngineFor(url: string): BackupEngine {
  return engineNameOfUrl(url) === "postgres" ? postgresBackup : sqliteBackup;
}
