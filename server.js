import cluster from "node:cluster";
import { availableParallelism } from "node:os";

// The primary only supervises: it never loads the app or opens the database, so every worker owns its connection.
const workerCount = Number(process.env.WEB_CONCURRENCY) || availableParallelism();
// V8 grows its heap lazily under load; a cap makes it collect sooner and keeps each worker well under 300 MB.
const WORKER_HEAP_MB = 192;

if (cluster.isPrimary && workerCount > 1) {
  superviseWorkers(workerCount);
} else {
  await serveApp();
}

function superviseWorkers(count) {
  let stopping = false;
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`] });
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
    cluster.fork();
  });
  // A terminal's Ctrl-C reaches the workers too; SIGTERM from a supervisor reaches only the primary, so pass it on.
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill(signal);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

async function serveApp() {
  const [
    { createRemixRequest, sendRemixResponse },
    { createRequestHandler },
    { default: compression },
    { default: express },
  ] = await Promise.all([
    // The adapter's own request/response converters (pinned 2.17.5): its handler hides the Response the cache keeps.
    import("@remix-run/express/dist/server.js"),
    import("@remix-run/node"),
    import("compression"),
    import("express"),
  ]);
  const build = await import("./build/index.js");
  const { getLoadContext, closeLoadContext, serveListPage, assertSameOrigin } = build.entry.module;
  const handleRemixRequest = createRequestHandler(build, process.env.NODE_ENV ?? "production");

  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  // Remix fingerprints everything under /build, so those files never change.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only paths that name a file (favicon.svg) look in public/, so page requests skip a failing stat.
  const servePublicFile = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (/^\/[^/]+\.\w+$/.test(req.path) ? servePublicFile(req, res, next) : next()));
  app.all("*", async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(request);
      const context = getLoadContext(req);
      const response = await serveListPage(context.db, request, () => handleRemixRequest(request, context));
      await sendRemixResponse(res, response);
    } catch (error) {
      if (error instanceof Response) await sendRemixResponse(res, error);
      else next(error);
    }
  });
  // Whatever escapes Remix gets a plain page: no stack trace, whatever NODE_ENV says.
  app.use((error, req, res, next) => {
    console.error(error);
    if (res.headersSent) return next(error);
    res.status(500).type("text/plain; charset=utf-8").send("문제가 생겼습니다. 잠시 후 다시 시도해 주세요.");
  });

  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  const server = app.listen(port, host, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Madang listening on http://${host}:${port}`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting; requests in flight finish, then their keep-alive connections close.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(async () => {
      clearInterval(idleSweep);
      await closeLoadContext();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
