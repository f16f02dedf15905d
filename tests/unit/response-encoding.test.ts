import { gunzipSync } from "node:zlib";
import { acceptsGzip, compressionSetting, encodeBody } from "~/server/response-encoding.server";

const page = new Uint8Array(Buffer.from(`<!DOCTYPE html>${"<p>마당</p>".repeat(200)}`));
const html = () => new Headers({ "Content-Type": "text/html; charset=utf-8" });

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["*", true],
    ["x-gzip", true],
    ["identity", false],
    ["gzip;q=0", false],
    ["*;q=0.5, gzip;q=0", false],
    ["", false],
    [undefined, false],
  ])("%s: %s", (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});

describe("encodeBody", () => {
  it("gzips a page for a client that takes it, with Vary, leaving the headers it was given alone", () => {
    const headers = html();
    const encoded = encodeBody(page, headers, true);
    expect(encoded.headers.get("content-encoding")).toBe("gzip");
    expect(encoded.headers.get("vary")).toBe("Accept-Encoding");
    expect(gunzipSync(encoded.body).equals(Buffer.from(page))).toBe(true);
    expect(headers.has("content-encoding")).toBe(false);
  });

  it("sends a kept gzip body as it is, or unpacked for a client without gzip", () => {
    const kept = encodeBody(page, html(), true);
    expect(encodeBody(kept.body, kept.headers, true)).toEqual(kept);
    const plain = encodeBody(kept.body, kept.headers, false);
    expect(plain.headers.has("content-encoding")).toBe(false);
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(Buffer.from(plain.body).equals(Buffer.from(page))).toBe(true);
  });

  it("leaves alone a small body (Vary still said), an image, and a no-transform response", () => {
    const small = encodeBody(new Uint8Array(Buffer.from("ok")), html(), true);
    expect(small.headers.has("content-encoding")).toBe(false);
    expect(small.headers.get("vary")).toBe("Accept-Encoding");
    for (const headers of [
      new Headers({ "Content-Type": "image/webp" }),
      new Headers({ "Content-Type": "text/html", "Cache-Control": "no-transform" }),
    ]) {
      expect(encodeBody(page, headers, true)).toEqual({ body: page, headers });
    }
  });

  it("adds Accept-Encoding to a Vary the response has, once", () => {
    const cookie = new Headers({ "Content-Type": "text/html", Vary: "Cookie" });
    expect(encodeBody(page, cookie, true).headers.get("vary")).toBe("Cookie, Accept-Encoding");
    const already = new Headers({ "Content-Type": "text/html", Vary: "Cookie, accept-encoding" });
    expect(encodeBody(page, already, false).headers.get("vary")).toBe("Cookie, accept-encoding");
  });
});

describe("compressionSetting", () => {
  it("is on unless COMPRESSION=off, and refuses anything else", () => {
    expect([undefined, "", "on"].map((value) => compressionSetting(value))).toEqual([true, true, true]);
    expect(compressionSetting("off")).toBe(false);
    expect(() => compressionSetting("false")).toThrow(/^COMPRESSION must be "on" or "off"/);
  });
});
