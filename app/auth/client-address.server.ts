import type { AppLoadContext } from "@remix-run/node";

// An IPv6 address with a zone is under 64 characters; anything longer is not an address.
const MAX_ADDRESS_LENGTH = 64;

/**
 * Who is asking, for login limits and for telling cookieless readers apart: the first X-Forwarded-For entry only when TRUST_PROXY=1 (otherwise anyone could
 * pick their own address), else the socket address from the load context, else "unknown".
 */
export function getClientAddress(request: Request, context: AppLoadContext): string {
  if (process.env.TRUST_PROXY === "1") {
    const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, MAX_ADDRESS_LENGTH);
  }
  return context.clientAddress ? context.clientAddress.slice(0, MAX_ADDRESS_LENGTH) : "unknown";
}
