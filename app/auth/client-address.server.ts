import type { AppLoadContext } from "@remix-run/node";
import { forwardedClientAddress } from "~/lib/trusted-proxies.server";

// An IPv6 address with a zone is under 64 characters; anything longer is not an address.
const MAX_ADDRESS_LENGTH = 64;

/**
 * Who is asking, for login limits and for telling cookieless readers apart: the X-Forwarded-For entry the trusted
 * proxies appended (TRUST_PROXY; never one the client wrote, or anyone could pick their own address), else the socket
 * address from the load context, else "unknown".
 */
export function getClientAddress(request: Request, context: AppLoadContext): string {
  const address = forwardedClientAddress(request.headers.get("X-Forwarded-For")) ?? context.clientAddress;
  return address ? address.slice(0, MAX_ADDRESS_LENGTH) : "unknown";
}
