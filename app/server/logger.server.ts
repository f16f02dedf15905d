import cluster from "node:cluster";
import { pino, type Logger } from "pino";

/**
 * The server's one logger: JSON lines, request lines (info) on stdout, warnings and errors with their stack on
 * stderr. Lines are written asynchronously; pino flushes what is pending when the process exits.
 */

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** LOG_LEVEL (default info); throws a one-line Error for a level pino does not have. */
export function logLevel(value = process.env.LOG_LEVEL): string {
  if (value === undefined || value === "") return "info";
  if (!LEVELS.includes(value)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")}, not "${value}"`);
  return value;
}

let logger: Logger | undefined;

/** Made on first use, so a wrong LOG_LEVEL is reported by the start-up check rather than at import. */
export function serverLogger(): Logger {
  logger ??= pino(
    {
      level: logLevel(),
      // Every line says which process wrote it: workers share stdout. The primary alone is worker 0.
      base: { pid: process.pid, worker: cluster.worker?.id ?? 0 },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(
      [
        { level: "trace", stream: pino.destination({ fd: 1, sync: false }) },
        { level: "warn", stream: pino.destination({ fd: 2, sync: false }) },
      ],
      // Each line goes only to the stream with the highest level it reaches: warnings and errors to stderr alone.
      { dedupe: true },
    ),
  );
  return logger;
}
