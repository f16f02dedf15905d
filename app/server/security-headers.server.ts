import { randomBytes } from "node:crypto";
import { YOUTUBE_EMBED_ORIGIN } from "~/lib/youtube";

/** A fresh, unguessable value for one document's inline scripts: a page's own scripts carry it, injected ones cannot. */
export function newCspNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The content security policy: scripts, styles and connections only from the board itself, images also from any
 * https site (post bodies link them), frames only from the privacy-enhanced YouTube player. Remix's inline scripts run only with the nonce of the document they came in;
 * a response without one (data, static files, plain error pages) runs no inline script at all.
 */
export function contentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' https:",
    `frame-src ${YOUTUBE_EMBED_ORIGIN}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Headers every response carries, static files included; a document replaces the policy with its nonce'd one.
 * HSTS only on an https request (isHttpsRequest's rule): sent over plain http it would mean nothing to a browser, and
 * a board reached over http on a LAN address must keep working whatever NODE_ENV says.
 */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
