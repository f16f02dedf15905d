import { gunzipSync, gzipSync } from "node:zlib";

/**
 * How a whole response body goes out: gzip in one piece when the client takes it, the type gains from it and the body
 * is big enough; a body kept compressed (the page cache, static files) is sent as kept, or unpacked for a client that
 * does not take gzip. COMPRESSION=off leaves every body as it is, for a trusted reverse proxy that compresses. Why one
 * piece: ADR 025.
 */

// Text of every kind, and the XML and JSON dialects (atom+xml, manifest+json); never images, which come compressed.
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:json|javascript|xml|[\w.-]+\+(?:xml|json))\b|image\/svg\+xml)/i;
/** A whole body, as a Response takes it. */
export type Bytes = Uint8Array<ArrayBuffer>;

// Under this a gzip header and a round of zlib cost more than they save.
const MIN_GZIP_BYTES = 1_024;

/** Whether this server compresses; throws a one-line Error for a COMPRESSION it does not know. */
export function compressionSetting(value = process.env.COMPRESSION): boolean {
  if (value === undefined || value === "" || value === "on") return true;
  if (value === "off") return false;
  throw new Error(`COMPRESSION must be "on" or "off" (off when a trusted reverse proxy compresses), not "${value}"`);
}

let compressing: boolean | undefined;

/** Whether an Accept-Encoding header takes gzip: named, or `*`, with a weight above zero. */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  if (!acceptEncoding) return false;
  let any = false;
  for (const entry of acceptEncoding.split(",")) {
    const [coding, ...params] = entry.split(";").map((part) => part.trim().toLowerCase());
    const weight = params.find((param) => param.startsWith("q="));
    const accepted = weight === undefined || Number(weight.slice(2)) > 0;
    if (coding === "gzip" || coding === "x-gzip") return accepted;
    if (coding === "*") any = accepted;
  }
  return any;
}

function isCompressible(headers: Headers): boolean {
  return (
    COMPRESSIBLE_TYPE.test(headers.get("content-type") ?? "") &&
    !/\bno-transform\b/i.test(headers.get("cache-control") ?? "")
  );
}

function withVary(headers: Headers): Headers {
  const vary = headers.get("vary");
  if (vary && /(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) return headers;
  const varied = new Headers(headers);
  varied.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  return varied;
}

/**
 * The body and headers to send (or keep) for a whole `body` with these `headers`, for a client that takes gzip or
 * not. `headers` is never changed: new ones come back when the encoding or Vary changes.
 */
export function encodeBody(body: Bytes, headers: Headers, clientTakesGzip: boolean): { body: Bytes; headers: Headers } {
  const encoding = headers.get("content-encoding");
  if (encoding === "gzip") {
    if (clientTakesGzip) return { body, headers };
    const plain = new Headers(headers);
    plain.delete("content-encoding");
    return { body: gunzipSync(body), headers: plain };
  }
  compressing ??= compressionSetting();
  if (encoding || !compressing || !isCompressible(headers)) return { body, headers };
  const varied = withVary(headers);
  if (!clientTakesGzip || body.byteLength < MIN_GZIP_BYTES) return { body, headers: varied };
  const gzipped = varied === headers ? new Headers(headers) : varied;
  gzipped.set("Content-Encoding", "gzip");
  return { body: gzipSync(body), headers: gzipped };
}

/** The whole body of `response`, encoded for a client with this Accept-Encoding (see encodeBody). */
export async function encodedResponseBody(
  response: Response,
  acceptEncoding: string | null | undefined,
): Promise<{ body: Bytes; headers: Headers }> {
  const body = new Uint8Array(await response.arrayBuffer());
  return encodeBody(body, response.headers, acceptsGzip(acceptEncoding));
}
