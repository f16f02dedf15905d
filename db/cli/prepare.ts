import { runWithDatabase } from "./run";
import { migrateAndReport, seedAndReport } from "./steps";

// What `npm start` runs before the server: a fresh database comes up migrated and filled with the demo boards.
await runWithDatabase(async (db) => {
  await migrateAndReport(db);
  await seedAndReport(db);
});
