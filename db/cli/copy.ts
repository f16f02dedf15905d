/**
 * Copies a whole board into an empty database, ids kept, then compares them table by table:
 *   npm run db:copy -- --from file:data/madang.db --to postgres://madang:secret@127.0.0.1:5432/madang
 * Exits 1, naming what went wrong or differs, when the target is not empty or the copy does not match.
 */
import type { Kysely } from "kysely";
import { parseArgs } from "node:util";
import { describeDatabaseError, openDatabase, redactUrl } from "../connection";
import { CopyRefused, copyBoard, type CopyOptions } from "../copy";
import type { Database } from "../types";

function readUrls(): { from: string; to: string } {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  if (!values.from || !values.to) throw new CopyRefused("사용법 (usage): npm run db:copy -- --from <url> --to <url>");
  if (values.from === values.to)
    throw new CopyRefused("원본과 대상이 같습니다 (--from and --to name the same database)");
  return { from: values.from, to: values.to };
}

/** Opens the database and asks it something, so an unreachable one is named before anything is copied. */
async function openChecked(url: string, opened: Kysely<Database>[]): Promise<Kysely<Database>> {
  try {
    const db = openDatabase(url);
    opened.push(db);
    await db.introspection.getTables();
    return db;
  } catch (error) {
    throw new CopyRefused(describeDatabaseError(error, url));
  }
}

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// On a terminal the table's line is rewritten after every batch; in a log, a line every 10 s and one at the end.
const LOG_EVERY_MS = 10_000;
let lastLoggedAt = performance.now();

const showProgress: CopyOptions["onProgress"] = ({ table, copied, total, done }) => {
  const line = `${table.padEnd(26)} ${copied.toLocaleString("en")} / ${total.toLocaleString("en")} rows  ${seconds()} s`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${line}${done ? "\n" : ""}`);
  } else if (done || performance.now() - lastLoggedAt >= LOG_EVERY_MS) {
    console.log(line);
    lastLoggedAt = performance.now();
  }
};

const opened: Kysely<Database>[] = [];
try {
  const { from, to } = readUrls();
  const source = await openChecked(from, opened);
  const target = await openChecked(to, opened);
  console.log(`${redactUrl(from)} → ${redactUrl(to)}`);
  const differences = await copyBoard(source, target, { onProgress: showProgress });
  if (differences.length > 0) {
    console.error(`복사본이 원본과 다릅니다 (the copy differs from the source): ${differences.join("; ")}`);
    process.exitCode = 1;
  } else {
    console.log(`복사 완료: 행 수와 카운터가 모두 같습니다 (copied; row counts and counters match) in ${seconds()} s`);
  }
} catch (error) {
  console.error(error instanceof CopyRefused ? error.message : describeDatabaseError(error, ""));
  process.exitCode = 1;
} finally {
  await Promise.all(opened.map((db) => db.destroy()));
}
