/**
 * What the board believes of the reverse proxies in front of it. TRUST_PROXY names how many there are; each appends
 * to X-Forwarded-For the address it was reached from, after whatever the client wrote there itself. So the entry
 * the outermost trusted proxy appended, TRUST_PROXY-th from the right, is the first one no client chose. Why:
 * docs/decisions/014-trusted-proxies-and-https.md.
 */

// More hops than this is a typo, not a deployment.
const TRUST_PROXY_SHAPE = /^\d{1,2}$/;

/** TRUST_PROXY as a number of proxies (0 when unset); throws a one-line Error for anything else, `true` included. */
export function trustedProxyCount(value = process.env.TRUST_PROXY): number {
  if (value === undefined || value === "") return 0;
  if (!TRUST_PROXY_SHAPE.test(value)) {
    throw new Error(
      `TRUST_PROXY must be the number of reverse proxies in front of the server (0, 1, 2…), not "${value}"`,
    );
  }
  return Number(value);
}

function headerEntries(header: string | null | undefined): string[] {
  return (header ?? "").split(",").map((entry) => entry.trim());
}

/**
 * The X-Forwarded-For entry the outermost trusted proxy appended, or null: no trusted proxy, or a header with fewer
 * entries than proxies (one of them did not append, so no entry can be told from the client's own).
 */
export function forwardedClientAddress(header: string | null | undefined, hops = trustedProxyCount()): string | null {
  const entries = headerEntries(header);
  if (hops === 0 || !header || entries.length < hops) return null;
  return entries[entries.length - hops] || null;
}

/**
 * The scheme the visitor reached the board with: the socket's own, or `https` when the trusted proxies'
 * X-Forwarded-Proto says so. Proxies append to it like X-Forwarded-For, or (more often) the outermost sets it and the
 * others pass it on; a list shorter than the hops is that single value.
 */
export function visitorProtocol(
  socketProtocol: string,
  forwardedProto: string | null | undefined,
  hops = trustedProxyCount(),
): "http" | "https" {
  if (socketProtocol === "https") return "https";
  if (hops === 0 || !forwardedProto) return "http";
  const entries = headerEntries(forwardedProto);
  const outermost = entries[Math.max(0, entries.length - hops)];
  return outermost.toLowerCase() === "https" ? "https" : "http";
}

/**
 * Whether the visitor's request is https, the one test every `Secure` cookie and HSTS go by: the request URL's
 * scheme (server.js builds it with visitorProtocol) or, for a request built elsewhere, the trusted proxies' word.
 */
export function isHttpsRequest(request: Request): boolean {
  const socketProtocol = new URL(request.url).protocol.slice(0, -1);
  return visitorProtocol(socketProtocol, request.headers.get("X-Forwarded-Proto")) === "https";
}
