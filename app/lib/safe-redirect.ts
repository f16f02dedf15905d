const URL_BASE = "http://madang.invalid";

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const ANOTHER_HOST = /^\/[/\\]/;

/**
 * "//host" and "/\host" are read by browsers as another host. A router or proxy that decodes the path once more
 * could also make one of "/.%5C/host" or "/%2e%2f/host", so the decoded path, resolved again, must stay here too.
 */
function leadsToAnotherHost(pathname: string): boolean {
  if (ANOTHER_HOST.test(pathname)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  if (ANOTHER_HOST.test(decoded)) return true;
  const resolvedAgain = new URL(decoded.replaceAll("\\", "/"), URL_BASE);
  return resolvedAgain.origin !== URL_BASE || ANOTHER_HOST.test(resolvedAgain.pathname);
}

/**
 * A path on this site to redirect to, or the fallback. The value is judged after the URL parser has resolved it,
 * since dot segments can turn "/.//evil.example" into "//evil.example": the result is the parsed, normalized path
 * (percent-encoded, so always a valid Location header) and is accepted only when it stays on this origin.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  // Browsers drop tabs and newlines inside URLs, so "/\t/evil.com" would become "//evil.com".
  if (hasControlCharacter(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, URL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== URL_BASE || leadsToAnotherHost(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}
