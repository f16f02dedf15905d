import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { CspNonceProvider } from "./lib/csp-nonce";
import { settleHydrationData } from "./server/hydration-data.server";
import { withoutNul } from "./server/without-nul.server";
import { contentSecurityPolicy, newCspNonce } from "./server/security-headers.server";

export { checkDatabaseBeforeServing, closeLoadContext, getLoadContext } from "./context.server";
// A database that stops answering gets a 503 page (server.js), not a 500; handleError is Remix's hook for it.
export { databaseOutageResponse, handleError, outageAwareResponse } from "./server/database-outage.server";
// server.js runs the periodic jobs (the HOT ranking) in one worker per server.
export { startPeriodicJobs } from "./server/periodic-jobs.server";
// server.js serves logged-out board lists and post pages through this short-lived cache.
export { serveListPage } from "./server/list-page-cache.server";
// server.js checks READER_COOKIE_SECRET once at start-up.
export { configuredReaderSecret } from "./models/reader-cookie.server";
// server.js refuses cross-site writes itself: Remix would answer them with a bare 500 before any action runs.
export { assertSameOrigin } from "./lib/origin.server";
// server.js sets these on every response; a document's own policy (below) carries its nonce.
export { securityHeaders } from "./server/security-headers.server";
// server.js answers load balancers' GET /healthz before any session or cache work.
export { healthResponse } from "./server/health.server";
// server.js answers a URL or Host it cannot read with a Korean 400 before Express or Remix fail on it.
export { malformedRequestResponse } from "./server/malformed-request.server";
// server.js logs each request and error through the one logger, with the query's values left out.
export { serverLogger } from "./server/logger.server";
export { pathForLog } from "./server/request-log.server";
// server.js serves uploaded images (GET /uploads/<hash>.<ext>) itself, never through Remix.
export { uploadFileResponse } from "./server/upload-files.server";
// server.js builds each request's URL with the scheme the visitor used, through the proxies TRUST_PROXY names.
export { trustedProxyCount, visitorProtocol } from "./lib/trusted-proxies.server";
// server.js sends every whole body through one gzip (COMPRESSION=off: a reverse proxy compresses), and public/ files.
export { compressionSetting, encodedResponseBody } from "./server/response-encoding.server";
export { staticFileResponse } from "./server/static-files.server";

/**
 * Every document is rendered whole, in one synchronous pass once its data is read, then sent in one piece (server.js
 * compresses it once): the app defers no data, so streaming bought nothing and cost a flush and a compression round
 * per 2 KB chunk, and a streaming render costs more than a string one (ADR 025). Nothing waits on a timer: reading the
 * data is bounded by Remix's `streamTimeout`, and renderToString never suspends once it is read.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // The policy travels with the document, so a cached copy replays the nonce its own scripts carry.
  const nonce = newCspNonce();
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  await settleHydrationData(remixContext);
  // A render error throws here, and Remix renders the error boundary with a 500 instead.
  const html = renderToString(
    <CspNonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </CspNonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${withoutNul(html)}`, { headers: responseHeaders, status: responseStatusCode });
}
