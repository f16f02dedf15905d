import { getClientAddress } from "~/auth/client-address.server";
import { isHttpsRequest, trustedProxyCount, visitorProtocol } from "~/lib/trusted-proxies.server";

function request(headers: Record<string, string>, url = "http://madang.test/") {
  return new Request(url, { headers });
}

const SOCKET = { clientAddress: "10.0.0.2" } as Parameters<typeof getClientAddress>[1];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("TRUST_PROXY", () => {
  it("is a number of proxies, 0 when unset", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("")).toBe(0);
    expect(trustedProxyCount("0")).toBe(0);
    expect(trustedProxyCount("1")).toBe(1);
    expect(trustedProxyCount("2")).toBe(2);
  });

  it("refuses anything else with one line naming the value", () => {
    for (const value of ["true", "yes", "-1", "1.5", " 1", "1,2", "100", "loopback"]) {
      expect(() => trustedProxyCount(value)).toThrow(/^TRUST_PROXY must be the number of reverse proxies .*not "/);
    }
  });
});

describe("the client address", () => {
  it("is the socket's without a trusted proxy, whatever X-Forwarded-For claims", () => {
    expect(getClientAddress(request({ "X-Forwarded-For": "198.51.100.7" }), SOCKET)).toBe("10.0.0.2");
  });

  it("is the entry the one trusted proxy appended, not the ones the client wrote before it", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    const spoofed = request({ "X-Forwarded-For": "1.2.3.4, 5.6.7.8, 203.0.113.9" });
    expect(getClientAddress(spoofed, SOCKET)).toBe("203.0.113.9");
    expect(getClientAddress(request({ "X-Forwarded-For": "203.0.113.9" }), SOCKET)).toBe("203.0.113.9");
  });

  it("is the second entry from the right behind two proxies", () => {
    vi.stubEnv("TRUST_PROXY", "2");
    const spoofed = request({ "X-Forwarded-For": "1.2.3.4,203.0.113.9, 10.0.0.1" });
    expect(getClientAddress(spoofed, SOCKET)).toBe("203.0.113.9");
  });

  it("falls back to the socket when the header is missing, empty or shorter than the proxies", () => {
    vi.stubEnv("TRUST_PROXY", "2");
    expect(getClientAddress(request({}), SOCKET)).toBe("10.0.0.2");
    expect(getClientAddress(request({ "X-Forwarded-For": "" }), SOCKET)).toBe("10.0.0.2");
    expect(getClientAddress(request({ "X-Forwarded-For": "203.0.113.9" }), SOCKET)).toBe("10.0.0.2");
    expect(getClientAddress(request({ "X-Forwarded-For": "203.0.113.9" }), {} as typeof SOCKET)).toBe("unknown");
  });

  it("is cut to the length of an address", () => {
    vi.stubEnv("TRUST_PROXY", "1");
    expect(getClientAddress(request({ "X-Forwarded-For": "x".repeat(500) }), SOCKET)).toHaveLength(64);
  });
});

describe("whether a request is https", () => {
  it("follows the socket when no proxy is trusted, whatever X-Forwarded-Proto says", () => {
    expect(visitorProtocol("http", "https", 0)).toBe("http");
    expect(visitorProtocol("https", null, 0)).toBe("https");
    expect(isHttpsRequest(request({ "X-Forwarded-Proto": "https" }))).toBe(false);
    expect(isHttpsRequest(request({}, "https://madang.test/"))).toBe(true);
  });

  it("takes the trusted proxies' word, the entry the outermost one wrote", () => {
    expect(visitorProtocol("http", "https", 1)).toBe("https");
    expect(visitorProtocol("http", "HTTPS", 1)).toBe("https");
    expect(visitorProtocol("http", "https, http", 1)).toBe("http");
    expect(visitorProtocol("http", "http, https, http", 2)).toBe("https");
    // The outermost set it and the inner proxy passed it on.
    expect(visitorProtocol("http", "https", 2)).toBe("https");
    expect(visitorProtocol("http", null, 1)).toBe("http");
    vi.stubEnv("TRUST_PROXY", "1");
    expect(isHttpsRequest(request({ "X-Forwarded-Proto": "https" }))).toBe(true);
  });
});
