import { connect } from "node:net";

export interface RawExchange {
  /** Everything the server sent. */
  answer: Buffer;
  /**
   * The server reset the connection: Node's HTTP parser does so when it refuses a request head while the rest of
   * the request is still arriving, sometimes before its 400 can be read.
   */
  reset: boolean;
}

/**
 * Sends a request written by hand (fetch would refuse a malformed Host or target) to the server at `baseUrl` and
 * resolves with everything it answered, once it closes the connection (ask it to with `Connection: close`). The
 * socket stays open for writing meanwhile: Node's HTTP server drops an answer not yet written when the client ends
 * its side first.
 */
export function rawHttpExchange(
  baseUrl: string,
  request: string | Uint8Array,
  timeoutMs = 10_000,
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete answer within ${timeoutMs} ms`)));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve({ answer: Buffer.concat(chunks), reset: false }));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET" || error.code === "EPIPE")
        resolve({ answer: Buffer.concat(chunks), reset: true });
      else reject(error);
    });
  });
}

export interface HttpAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
}

function dechunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd === -1) return Buffer.concat(parts);
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** The status, headers (lower-case names) and body of one HTTP/1.1 answer, a chunked body put back together. */
export function parseHttpAnswer(answer: Buffer): HttpAnswer {
  const headEnd = answer.indexOf("\r\n\r\n");
  const head = answer.subarray(0, headEnd === -1 ? answer.length : headEnd).toString("latin1");
  const [statusLine, ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers = new Map(
    lines.map((line) => [
      line.slice(0, line.indexOf(":")).trim().toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  const rawBody = headEnd === -1 ? Buffer.alloc(0) : answer.subarray(headEnd + 4);
  const body = headers.get("transfer-encoding") === "chunked" ? dechunked(rawBody) : rawBody;
  return { status, headers, body: body.toString("utf8") };
}
