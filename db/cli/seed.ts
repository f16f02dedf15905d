import { runWithDatabase } from "./run";
import { seedAndReport } from "./steps";

await runWithDatabase(seedAndReport);
