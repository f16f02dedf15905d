import cluster from "node:cluster";
import { availableParallelism } from "node:os";

// The primary only supervises: it never loads the app or opens the database, so every worker owns its connection.
const workerCount = Number(process.env.WEB_CONCURRENCY) || availableParallelism();
// V8 grows its heap lazily under load; a cap makes it collect sooner and keeps each worker well under 300 MB.
const WORKER_HEAP_MB = 192;
const FIRST_WORKER_ENV = "MADANG_FIRST_WORKER";
// The one worker per server that runs the periodic jobs (app/server/periodic-jobs.server.ts); its replacement takes over.
const JOBS_WORKER_ENV = "MADANG_JOBS_WORKER";

if (cluster.isPrimary && workerCount > 1) {
  superviseWorkers(workerCount);
} else {
  await serveApp();
}

/**
 * The first worker starts alone and checks the database before serving; the others follow once it listens. Should it
 * exit instead (a database it cannot reach, or one migrated by a newer version), a restart would fail the same way:
 * the server stops with it, its one line printed once. Workers started later skip the check, so one replacing a
 * crashed worker while the database is down serves 503 pages until the database returns.
 */
function superviseWorkers(count) {
  let stopping = false;
  let exitCode = 0;
  const served = new Set();
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`] });
  let jobsWorker = cluster.fork({ [FIRST_WORKER_ENV]: "1", [JOBS_WORKER_ENV]: "1" });
  cluster.on("listening", (worker) => {
    if (served.size === 0) for (let i = 1; i < count; i++) cluster.fork();
    served.add(worker.id);
  });
  // A terminal's Ctrl-C reaches the workers too; SIGTERM from a supervisor reaches only the primary, so pass it on.
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers)) worker.process.kill(signal);
  };
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping && served.size === 0) {
      exitCode = code || 1;
      stop("SIGTERM");
    }
    if (stopping) {
      if (Object.keys(cluster.workers).length === 0) process.exit(exitCode);
      return;
    }
    console.error(`worker ${worker.process.pid} died (${signal ?? code}); starting another`);
    if (worker === jobsWorker) jobsWorker = cluster.fork({ [JOBS_WORKER_ENV]: "1" });
    else cluster.fork();
  });
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

async function serveApp() {
  const [
    { createServer },
    { randomUUID },
    { PassThrough },
    { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable },
  ] = await Promise.all([import("node:http"), import("node:crypto"), import("node:stream"), import("@remix-run/node")]);
  const build = await import("./build/index.js");
  const {
    getLoadContext,
    closeLoadContext,
    checkDatabaseBeforeServing,
    startPeriodicJobs,
    serveListPage,
    configuredReaderSecret,
    assertSameOrigin,
    outageAwareResponse,
    databaseOutageResponse,
    securityHeaders,
    healthResponse,
    malformedRequestResponse,
    trustedProxyCount,
    visitorProtocol,
    uploadFileResponse,
    serverLogger,
    pathForLog,
    compressionSetting,
    encodedResponseBody,
    staticFileResponse,
  } = build.entry.module;
  // Settings every request reads are checked once here: a wrong one stops the server with one line.
  let logger;
  try {
    trustedProxyCount();
    configuredReaderSecret();
    compressionSetting();
    logger = serverLogger();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (cluster.isPrimary || process.env[FIRST_WORKER_ENV] === "1") {
    try {
      await checkDatabaseBeforeServing();
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }
  }
  // The first round (a HOT ranking for a fresh server) runs before serving; a failing job only logs.
  const jobs =
    cluster.isPrimary || process.env[JOBS_WORKER_ENV] === "1"
      ? await startPeriodicJobs(getLoadContext().db, logger)
      : null;
  const mode = process.env.NODE_ENV ?? "production";
  const handleRemixRequest = createRequestHandler(build, mode);
  // Every response carries these, static files and the plain error page below included; HSTS only over https.
  const headersByProtocol = {
    http: Object.entries(securityHeaders({ https: false })),
    https: Object.entries(securityHeaders({ https: true })),
  };
  const HEALTH_PATH = /^\/healthz\/?$/i;
  const UPLOAD_PATH = /^\/uploads\/([^/]+?)\/?$/i;

  /**
   * The request's body, for Remix. A reader that stops early (a form over its limit) cancels the stream, which
   * destroys what it reads: given the request itself, that would close the socket before the 413 is written. The
   * rest of the body is read and dropped instead, and the connection is not kept for another request.
   */
  function bodyOf(req, res) {
    const body = new PassThrough();
    body.on("close", () => {
      if (req.readableEnded) return;
      req.unpipe(body);
      res.shouldKeepAlive = false;
      req.resume();
    });
    return req.pipe(body);
  }

  /** The request as Remix takes it. */
  function fetchRequestOf(req, res, protocol) {
    const controller = new AbortController();
    // Aborted when the client goes, and also once the answer is sent: Remix's single-fetch encoder holds each request's
    // loader data on a 4.95 s timer that only the request's signal clears, and nothing reads the signal after that.
    res.on("close", () => controller.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) headers.append(name, one);
    }
    const url = new URL(req.url, `${protocol}://${req.headers.host}`);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    return new Request(url, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: createReadableStreamFromReadable(bodyOf(req, res)), duplex: "half" } : {}),
    });
  }

  function writeHead(res, status, headers) {
    res.statusCode = status;
    // The response's own headers (a document's policy with its nonce) replace the defaults every response gets.
    for (const name of headers.keys()) if (name !== "set-cookie") res.removeHeader(name);
    for (const [name, value] of headers) res.appendHeader(name, value);
  }

  /** Sends a response whole, compressed in one piece when the client takes it (see encodedResponseBody). */
  async function send(req, res, response) {
    if (!response.body) {
      writeHead(res, response.status, response.headers);
      res.end();
      return;
    }
    const { body, headers } = await encodedResponseBody(response, req.headers["accept-encoding"]);
    writeHead(res, response.status, headers);
    res.setHeader("Content-Length", body.byteLength);
    res.end(body);
  }

  /** Sends a response as it streams: uploaded images, stored compressed and sent as they are. */
  async function stream(res, response) {
    writeHead(res, response.status, response.headers);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  }

  /** One line per request once it is over, answered or abandoned: never a header, cookie or body, nor a query value. */
  function logWhenDone(req, res, requestId, pathname) {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const line = {
        requestId,
        method: req.method,
        path: pathForLog(req.url),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // A load balancer's probes would drown the log; they show at LOG_LEVEL=debug.
      if (HEALTH_PATH.test(pathname)) logger.debug(line, "request");
      else logger.info(line, "request");
    });
  }

  /**
   * In order: the health check (before sessions, the list cache and Remix, so a load balancer's probe never meets a
   * cookie or counts a view), a URL or Host the server cannot read, uploaded images, files of public/, and Remix,
   * with logged-out board lists and post pages through the short-lived page cache (serveListPage).
   */
  async function answer(req, res, requestId, pathname, protocol) {
    const readsOnly = req.method === "GET" || req.method === "HEAD";
    if (readsOnly && HEALTH_PATH.test(pathname)) return send(req, res, await healthResponse(getLoadContext(req).db));
    const refused = malformedRequestResponse(req.url, req.headers.host, protocol);
    if (refused) return send(req, res, refused);
    // Uploaded images, by content hash: never through Remix, never compressed again (WebP and GIF are compressed).
    const upload = readsOnly && UPLOAD_PATH.exec(pathname);
    if (upload) return stream(res, await uploadFileResponse(decodeURIComponent(upload[1]), req.method));
    const file = await staticFileResponse(pathname, req.method, req.headers["if-none-match"]);
    if (file) return send(req, res, file);
    try {
      const request = fetchRequestOf(req, res, protocol);
      // Cross-site writes are refused here: Remix would answer them with a bare 500 before any action runs.
      if (!readsOnly) assertSameOrigin(request);
      const context = getLoadContext(req, requestId);
      const response = await serveListPage(context.db, request, () => handleRemixRequest(request, context));
      return await send(req, res, outageAwareResponse(request, context, response));
    } catch (error) {
      if (error instanceof Response) return send(req, res, error);
      throw error;
    }
  }

  /** Whatever escapes the steps above gets a plain page: no stack trace, whatever NODE_ENV says. */
  function fail(req, res, requestId, error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const outage = databaseOutageResponse(error, requestId);
    if (outage) return send(req, res, outage);
    logger.error({ requestId, err: error }, "request failed");
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("문제가 생겼습니다. 잠시 후 다시 시도해 주세요.");
  }

  const server = createServer((req, res) => {
    // An incoming X-Request-Id is ignored: every id in the log is one this server made.
    const requestId = randomUUID();
    const queryStart = req.url.indexOf("?");
    const pathname = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
    logWhenDone(req, res, requestId, pathname);
    res.setHeader("X-Request-Id", requestId);
    // The scheme the visitor used, through the proxies TRUST_PROXY names: the request URL and so every cookie follow it.
    const protocol = visitorProtocol(req.socket.encrypted ? "https" : "http", req.headers["x-forwarded-proto"]);
    for (const [name, value] of headersByProtocol[protocol]) res.setHeader(name, value);
    answer(req, res, requestId, pathname, protocol)
      .catch((error) => fail(req, res, requestId, error))
      .catch((error) => {
        logger.error({ requestId, err: error }, "request failed");
        res.destroy();
      });
  });

  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  // A post linked from a messenger brings thousands of new connections at once: Node's default queue of 511 pending
  // connections would drop the rest (their requests then fail with a reset). The kernel caps it at net.core.somaxconn.
  const pendingConnections = 4096;
  server.listen(port, host, pendingConnections, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) logger.info(`Madang listening on http://${host}:${port}`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting; requests in flight finish, then their keep-alive connections close.
    const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(async () => {
      clearInterval(idleSweep);
      await jobs?.stop();
      await closeLoadContext();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
