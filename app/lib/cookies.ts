/**
 * The raw value of one cookie of the request, or null. Parsed by hand because a malformed percent-encoding in some
 * other cookie must not turn a request into a 500 (lucia's and the cookie package's parsers throw on it).
 */
export function readCookie(request: Request, name: string): string | null {
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}

/**
 * A Set-Cookie value for one of the board's own long-lived cookies: the whole site, out of scripts' reach, sent on
 * same-site navigation, `Secure` exactly when the request is https (isHttpsRequest), as the session cookie is.
 * Max-Age 0 clears it.
 */
export function cookieHeader(
  name: string,
  value: string,
  maxAgeSeconds: number,
  { secure }: { secure: boolean },
): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
