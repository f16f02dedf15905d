import type { AppLoadContext } from "@remix-run/node";
import { isRouteErrorResponse } from "@remix-run/react";
import { isDatabaseBusy, isDatabaseUnavailable } from "#db/engine";
import { hideInternalErrorMessage } from "./internal-error-messages.server";
import { serverLogger } from "./logger.server";

/**
 * While the database is down (stopped, unreachable, its file unreadable) every page answers 503 with a Korean
 * message and Retry-After, rather than 500; so does a write that waited its whole bound for the write lock (the
 * board is too busy for it this moment). Nothing is held per outage: each request tries the database again, so
 * the server recovers by itself when it returns. Remix reports a loader's or action's error to handleError with the
 * request's load context; the context is marked there, and server.js swaps the finished response for this page.
 */

export const DATABASE_UNAVAILABLE_MESSAGE = "데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.";
export const DATABASE_BUSY_MESSAGE = "지금 요청이 많아 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.";

type Outage = "unavailable" | "busy";
const OUTAGE_PAGES: Record<Outage, { message: string; retryAfterSeconds: number }> = {
  unavailable: { message: DATABASE_UNAVAILABLE_MESSAGE, retryAfterSeconds: 5 },
  busy: { message: DATABASE_BUSY_MESSAGE, retryAfterSeconds: 1 },
};

const contextsHitByOutage = new WeakMap<AppLoadContext, Outage>();

function outageOf(error: unknown): Outage | null {
  if (isDatabaseUnavailable(error)) return "unavailable";
  return isDatabaseBusy(error) ? "busy" : null;
}

/**
 * Remix's handleError (exported by entry.server): an error with its stack on stderr, tagged with the request's id;
 * one line for an unavailable database; Remix's own 404/405 only at debug, since the request line has the status.
 */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  const { requestId } = context;
  const outage = outageOf(error);
  if (outage) {
    contextsHitByOutage.set(context, outage);
    logOutage(outage, error, requestId);
  } else if (isRouteErrorResponse(error) && error.status < 500) {
    serverLogger().debug({ requestId, status: error.status }, "error" in error ? String(error.error) : "");
  } else if (!request.signal.aborted) {
    const err = isRouteErrorResponse(error) && "error" in error && error.error ? error.error : error;
    serverLogger().error({ requestId, err }, "request failed");
  }
  hideInternalErrorMessage(error);
}

function logOutage(outage: Outage, error: unknown, requestId?: string) {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  serverLogger().error({ requestId, code }, `database ${outage}: ${message ?? String(error)}`.replace(/\s+/g, " "));
}

/** The 503 page when this request met an unavailable or too busy database, else the response Remix made. */
export function outageAwareResponse(request: Request, context: AppLoadContext, response: Response): Response {
  const outage = contextsHitByOutage.get(context);
  if (!outage) return response;
  // A client-side navigation's data request keeps Remix's body, so the app shows its error page rather than failing.
  if (new URL(request.url).pathname.endsWith(".data")) {
    const headers = new Headers(response.headers);
    headers.set("Retry-After", String(OUTAGE_PAGES[outage].retryAfterSeconds));
    return new Response(response.body, { status: 503, headers });
  }
  return outagePage(outage);
}

/** For an error that escaped Remix (server.js's own steps): the 503 page when the database is at fault, else null. */
export function databaseOutageResponse(error: unknown, requestId?: string): Response | null {
  const outage = outageOf(error);
  if (!outage) return null;
  logOutage(outage, error, requestId);
  return outagePage(outage);
}

function outagePage(outage: Outage): Response {
  const { message, retryAfterSeconds } = OUTAGE_PAGES[outage];
  const html = `<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>잠시 후 다시 시도해 주세요 - 마당</title></head>
<body><main><h1>잠시 후 다시 시도해 주세요</h1><p>${message}</p><p><a href="/">첫 화면으로</a></p></main></body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}
