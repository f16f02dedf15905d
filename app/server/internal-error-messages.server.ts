import { isRouteErrorResponse } from "@remix-run/react";

/**
 * Remix answers a path no route matches (404) or a method a route has no handler for (405) with its own English
 * developer message ("No route matches URL", "You made a POST request to …"). Remix hands such an error to
 * handleError before it renders the page or encodes the data request, so emptying it there keeps the message out of
 * both; the root ErrorBoundary then shows the Korean text for its status. The debug log still has the original error.
 */
export function hideInternalErrorMessage(error: unknown): void {
  if (isRouteErrorResponse(error) && (error as { internal?: boolean }).internal) Object.assign(error, { data: null });
}
