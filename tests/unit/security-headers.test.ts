import { contentSecurityPolicy, newCspNonce, securityHeaders } from "~/server/security-headers.server";

describe("security headers", () => {
  it("lets only the board's own scripts run, inline ones only with the document's nonce", () => {
    expect(contentSecurityPolicy("abc123")).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123'; style-src 'self'; img-src 'self' https:; " +
        "frame-src https://www.youtube-nocookie.com; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
  });

  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newCspNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("asks for HTTPS (HSTS) over https only", () => {
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: false })).toEqual({
      "Content-Security-Policy": contentSecurityPolicy(),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
  });
});
