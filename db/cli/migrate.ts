import { runWithDatabase } from "./run";
import { migrateAndReport } from "./steps";

await runWithDatabase(migrateAndReport);
