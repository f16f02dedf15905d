const URL_BASE = "http://same-site.invalid";

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A path on this site to redirect to, or the fallback. Only "/…" paths pass; "//host" and "/\host" (which browsers read
 * as another host) and anything the URL parser resolves elsewhere do not. The result is percent-encoded, so it is
 * always a valid Location header.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.com" would become "//evil.com".
  if (hasControlCharacter(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, URL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== URL_BASE) return fallback;
  return url.pathname + url.search + url.hash;
}
