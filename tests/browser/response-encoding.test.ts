import { Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import {
  serverStartFailure,
  startBoard,
  useBoardInBrowser,
  waitForHydration,
  type RunningBoard,
} from "../helpers/browser";
import { KAKAO_POST_ID } from "../helpers/square-posts";

// Long enough that a slow render on a busy machine still leaves its copy current for the next requests.
const board = useBoardInBrowser({ serverEnv: { LIST_CACHE_SECONDS: "60" } });
const browserAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const botAgent = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const KAKAO_POST = `/square/${KAKAO_POST_ID}`;

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire, still compressed when the server compressed them. */
  body: Buffer;
}

/** A GET whose body is left as sent (fetch would unpack it); `agent` keeps one connection, so one worker answers. */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>, agent?: Agent): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${baseUrl}${path}`, { headers: { "User-Agent": browserAgent, ...headers }, agent });
    sent.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** The page a client reads: unpacked when it came gzip. */
function textOf(answer: RawAnswer): string {
  return (answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body) : answer.body).toString("utf8");
}

function nonceIn(html: string): string | undefined {
  return /<script nonce="([^"]+)"/.exec(html)?.[1];
}

/** A whole document: the page, then the data its scripts hydrate from, sent to its end. */
function expectCompleteDocument(html: string) {
  expect(html).toMatch(/^<!DOCTYPE html>/);
  expect(html).toContain("</html>");
  expect(html).toMatch(/window\.__remixContext\.streamController\.close\(\);<\/script>(?:<!--\/\$-->)+$/);
  expect(html).not.toContain("\0");
}

function expectSentWhole(answer: RawAnswer) {
  expect(answer.headers["content-length"]).toBe(String(answer.body.length));
  expect(answer.headers["transfer-encoding"]).toBeUndefined();
}

describe("responses sent in one piece", () => {
  it("sends a page gzip to a client that asks for it and plain to one that does not, whole, with Vary", async () => {
    const gzipped = await rawGet(board.baseUrl, "/about", { "Accept-Encoding": "gzip, deflate, br" });
    const plain = await rawGet(board.baseUrl, "/about", {});
    const refused = await rawGet(board.baseUrl, "/about", { "Accept-Encoding": "gzip;q=0, identity" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    for (const answer of [plain, refused]) expect(answer.headers["content-encoding"]).toBeUndefined();
    for (const answer of [gzipped, plain, refused]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expectSentWhole(answer);
      expectCompleteDocument(textOf(answer));
      expect(textOf(answer)).toContain("마당");
    }
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it("leaves a tiny body and an uploaded-image type as they are", async () => {
    const health = await rawGet(board.baseUrl, "/healthz", { "Accept-Encoding": "gzip" });
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.body.toString("utf8")).toBe("ok");
    const favicon = await rawGet(board.baseUrl, "/favicon.svg", { "Accept-Encoding": "gzip" });
    expect(favicon.status).toBe(200);
    expect(favicon.headers["content-type"]).toBe("image/svg+xml");
    expectSentWhole(favicon);
  });

  it("serves a cached logged-out list gzip as it was kept, and unpacked to a client without gzip", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers = [];
      const gzip: Record<string, string> = { "Accept-Encoding": "gzip" };
      for (const headers of [gzip, gzip, {}]) {
        answers.push(await rawGet(board.baseUrl, "/square", headers, agent));
      }
      const [rendered, hit, plainHit] = answers;
      // One connection, one worker: the later two are the first one's copy, whose nonce they replay.
      expect(new Set(answers.map((answer) => nonceIn(textOf(answer))))).toEqual(new Set([nonceIn(textOf(rendered))]));
      expect([rendered, hit].map((answer) => answer.headers["content-encoding"])).toEqual(["gzip", "gzip"]);
      expect(plainHit.headers["content-encoding"]).toBeUndefined();
      expect(hit.body.equals(rendered.body)).toBe(true);
      for (const answer of answers) {
        expect(answer.headers.vary).toBe("Accept-Encoding");
        expectSentWhole(answer);
        expectCompleteDocument(textOf(answer));
      }
      expect(textOf(plainHit)).toBe(textOf(rendered));
    } finally {
      agent.destroy();
    }
  });

  it("sends build files gzip from memory, and a 304 to a client whose copy is current", async () => {
    const page = textOf(await rawGet(board.baseUrl, "/about", {}));
    const stylesheet = /\/build\/[^"]+\.css/.exec(page)?.[0];
    expect(stylesheet).toBeDefined();
    const gzipped = await rawGet(board.baseUrl, stylesheet!, { "Accept-Encoding": "gzip" });
    const plain = await rawGet(board.baseUrl, stylesheet!, {});
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    for (const answer of [gzipped, plain]) expectSentWhole(answer);
    const etag = gzipped.headers.etag;
    expect(etag).toBe(plain.headers.etag);
    const again = await rawGet(board.baseUrl, stylesheet!, { "Accept-Encoding": "gzip", "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("renders the whole document for bots and for browsers alike", async () => {
    for (const userAgent of [botAgent, browserAgent]) {
      const answer = await rawGet(board.baseUrl, KAKAO_POST, { "User-Agent": userAgent, "Accept-Encoding": "gzip" });
      expect(answer.status).toBe(200);
      expectSentWhole(answer);
      expectCompleteDocument(textOf(answer));
      expect(textOf(answer)).toContain("카카오");
    }
  });

  it("hydrates a list and a post page without an error in the console, and shows them without JavaScript", async () => {
    const page = await board.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      // The post's pictures link outside sites, which the test browser never reaches.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        errors.push(message.text());
      }
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    for (const path of ["/square", KAKAO_POST]) {
      await page.goto(path);
      await waitForHydration(page);
    }
    expect(errors).toEqual([]);
    const withoutScripts = await board.newPage({ javaScriptEnabled: false });
    await withoutScripts.goto(KAKAO_POST);
    await expect(withoutScripts.locator("h1").first().textContent()).resolves.toContain("카카오");
  });
});

describe("with COMPRESSION=off (a trusted reverse proxy compresses)", () => {
  let plainBoard: RunningBoard | undefined;
  beforeAll(async () => {
    plainBoard = await startBoard({ COMPRESSION: "off", LIST_CACHE_SECONDS: "60" });
  });
  afterAll(() => plainBoard?.stop());

  it("sends pages, cached pages and build files uncompressed, whole, without Vary", async () => {
    const page = await rawGet(plainBoard!.baseUrl, "/about", { "Accept-Encoding": "gzip" });
    const stylesheet = /\/build\/[^"]+\.css/.exec(page.body.toString("utf8"))?.[0];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const lists = [
        await rawGet(plainBoard!.baseUrl, "/square", { "Accept-Encoding": "gzip" }, agent),
        await rawGet(plainBoard!.baseUrl, "/square", { "Accept-Encoding": "gzip" }, agent),
      ];
      expect(nonceIn(textOf(lists[1]))).toBe(nonceIn(textOf(lists[0])));
      const file = await rawGet(plainBoard!.baseUrl, stylesheet!, { "Accept-Encoding": "gzip" });
      for (const answer of [page, ...lists, file]) {
        expect(answer.status).toBe(200);
        expect(answer.headers["content-encoding"]).toBeUndefined();
        expect(answer.headers.vary).toBeUndefined();
        expectSentWhole(answer);
      }
      for (const answer of [page, ...lists]) expectCompleteDocument(answer.body.toString("utf8"));
    } finally {
      agent.destroy();
    }
  });

  it("refuses to start with a COMPRESSION it does not know, in one line", async () => {
    const refused = await serverStartFailure(`file:${board.dbPath}`, { COMPRESSION: "maybe" });
    expect(refused.exitCode).toBe(1);
    expect(refused.output.trim().split("\n")).toEqual([expect.stringMatching(/^COMPRESSION must be "on" or "off"/)]);
  });
});
