import { rebuildSearchIndex } from "../../app/models/search-index.server";
import { runWithDatabase } from "./run";

// Rebuilds the search index of DATABASE_URL from its posts and comments: for a database indexed by an older tokenizer.

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

// On a terminal the line is rewritten after every batch; in a log, a line every 10 s.
const LOG_EVERY_MS = 10_000;
let lastLoggedAt = performance.now();

await runWithDatabase(async (db) => {
  const indexed = await rebuildSearchIndex(db, (table, done) => {
    const line = `${table.padEnd(8)} ${done.toLocaleString("en")} rows indexed  ${seconds()} s`;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${line}`);
    } else if (performance.now() - lastLoggedAt >= LOG_EVERY_MS) {
      console.log(line);
      lastLoggedAt = performance.now();
    }
  });
  if (process.stdout.isTTY) process.stdout.write("\n");
  const counts = `${indexed.posts.toLocaleString("en")} posts, ${indexed.comments.toLocaleString("en")} comments`;
  console.log(`검색 색인을 다시 만들었습니다 (search index rebuilt): ${counts} in ${seconds()} s`);
});
