import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";
import { seedDemoData } from "#db/seed";
import { POST_HTML_ALLOWLIST } from "~/lib/markdown.server";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { loader as commentsLoader } from "~/routes/$board.$postId.comments";
import { action as editAction } from "~/routes/$board.$postId_.edit";
import { action as writeAction } from "~/routes/$board.write";
import { browserUrl } from "../helpers/browser-url";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createUser,
  formPost,
  ofKind,
  pageGet,
  payloadOf,
  sessionCookieFor,
} from "./support/board-fixtures";

// These tests write many posts and comments quickly; the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();
let cookie: string;

beforeAll(async () => {
  await seedDemoData(db);
  cookie = await sessionCookieFor(db, await createUser(db, "attacker"));
});

/** Markdown and typed HTML that try to run script, load script-capable URLs or break out of an attribute. */
const CORPUS: Record<string, string> = {
  "script tag": "<script>window.__xss=1</script>",
  "script tag split across lines": "<scr\nipt>window.__xss=1</script>",
  "img onerror": '<img src=x onerror="window.__xss=1">',
  "svg onload": "<svg onload=window.__xss=1>",
  "script inside svg": "<svg><script>window.__xss=1</script></svg>",
  iframe: '<iframe src="javascript:window.__xss=1"></iframe>',
  "object and embed": '<object data="javascript:window.__xss=1"></object><embed src="javascript:window.__xss=1">',
  "details ontoggle": "<details open ontoggle=window.__xss=1>x</details>",
  "style tag": "<style>body{background:url(javascript:window.__xss=1)}</style>",
  "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  "base href": '<base href="javascript:window.__xss=1//">',
  "form action": '<form action="javascript:window.__xss=1"><button>go</button></form>',
  "raw html link": '<a href="javascript:window.__xss=1">click</a>',
  "mutation xss": "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "html comment": "<!--<script>window.__xss=1</script>-->",
  "markdown javascript link": "[click](javascript:window.__xss=1)",
  "mixed-case javascript link": "[click](JaVaScRiPt:window.__xss=1)",
  "javascript link with spaces": "[click]( javascript:window.__xss=1 )",
  "javascript link in angle brackets": "[click](<javascript:window.__xss=1>)",
  "decimal-entity javascript link":
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1)",
  "hex-entity javascript link": "[click](&#x6A;avascript&#x3A;window.__xss=1)",
  "named-entity colon": "[click](javascript&colon;window.__xss=1)",
  "tab inside the scheme": "[click](java&#x09;script:window.__xss=1)",
  "newline entity inside the scheme": "[click](java&#x0A;script:window.__xss=1)",
  "reference-style javascript link": "[click][evil]\n\n[evil]: javascript:window.__xss=1",
  "javascript autolink": "<javascript:window.__xss=1>",
  "vbscript link": "[click](vbscript:msgbox(1))",
  "data html link": "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
  "data svg image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIj48L3N2Zz4=)",
  "javascript image": "![x](javascript:window.__xss=1)",
  "protocol-relative link": "[click](//evil.example/steal)",
  "backslash protocol-relative link": "[click](/\\evil.example/steal)",
  "title attribute breakout": '[click](https://ok.example "a\\" onmouseover=\\"window.__xss=1")',
  "alt attribute breakout": '![x" onerror="window.__xss=1](https://img.example/a.png)',
  "event handler in link text": "[<img src=x onerror=window.__xss=1>](https://ok.example)",
  "script in a table cell": "| a |\n|---|\n| <script>window.__xss=1</script> |",
  "script in a code span": "`<script>window.__xss=1</script>`",
};

function elementsOf(nodes: ChildNode[]): Element[] {
  return nodes.flatMap((node) =>
    "children" in node && "name" in node ? [node as Element, ...elementsOf(node.children)] : [],
  );
}

/** Parses the HTML as a browser would and checks every element, attribute and URL against the allowlist. */
function expectSafeHtml(html: string) {
  const elements = elementsOf(parseDocument(html, { decodeEntities: true }).children);
  for (const element of elements) {
    expect(Object.keys(POST_HTML_ALLOWLIST)).toContain(element.name);
    for (const [name, value] of Object.entries(element.attribs)) {
      expect(POST_HTML_ALLOWLIST[element.name]).toContain(name);
      if (name === "href") {
        const url = browserUrl(value);
        expect(url).toMatch(/^(https?:|mailto:|\/(?![/\\])|[?#]|[^:/\\?#]+([/?#]|$))/i);
        expect(element.attribs.rel).toBe("nofollow ugc noopener");
      }
      if (name === "src") expect(browserUrl(value)).toMatch(/^https?:\/\//i);
    }
  }
}

async function writePost(body: string, title = "XSS 시험") {
  const answer = await callRoute(
    db,
    writeAction,
    formPost("/square/write", { category: "info", title, body, intent: "save" }, cookie),
    {
      board: "square",
    },
  );
  expect(answer.status).toBe(303);
  return Number(answer.headers.get("Location")!.split("/").at(-1));
}

async function storedHtml(postId: number) {
  const row = await db.selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirstOrThrow();
  return row.body_html;
}

async function shownPost(postId: number) {
  const answer = await callRoute(db, postPage, pageGet(`/square/${postId}`, cookie), {
    board: "square",
    postId: String(postId),
  });
  expect(answer.status).toBe(200);
  return answer.data;
}

describe("an XSS corpus through post bodies", () => {
  it.each(Object.entries(CORPUS))("%s: stored and shown HTML is safe", async (_name, payload) => {
    const postId = await writePost(payload);
    const html = await storedHtml(postId);
    expectSafeHtml(html);
    expect((await shownPost(postId)).post.bodyHtml).toBe(html);
  });

  it.each(Object.entries(CORPUS))("%s: the preview is safe too", async (_name, payload) => {
    const answer = await callRoute(
      db,
      writeAction,
      formPost("/square/write", { category: "info", title: "미리보기", body: payload, intent: "preview" }, cookie),
      { board: "square" },
    );
    expect(answer.status).toBe(200);
    const { previewHtml } = payloadOf(answer);
    if (previewHtml === null) throw new Error("the preview was not rendered");
    expectSafeHtml(previewHtml);
  });

  it("keeps typed HTML as visible text rather than dropping it", async () => {
    const postId = await writePost(CORPUS["script tag"]);
    expect(await storedHtml(postId)).toBe("<p>&lt;script&gt;window.__xss=1&lt;/script&gt;</p>\n");
  });

  it("keeps safe links with rel and drops the scheme-less danger", async () => {
    const postId = await writePost(
      "[ok](https://ok.example/a) [bad](javascript:alert(1)) [mail](mailto:a@b.example) [rel](/square)",
    );
    const html = await storedHtml(postId);
    expect(html).toContain('<a href="https://ok.example/a" rel="nofollow ugc noopener">ok</a>');
    expect(html).toContain('<a href="mailto:a@b.example" rel="nofollow ugc noopener">mail</a>');
    expect(html).toContain('<a href="/square" rel="nofollow ugc noopener">rel</a>');
    expect(html).toContain("bad");
    expect(html).not.toContain("javascript");
  });

  it("sanitizes an edited body as well", async () => {
    const postId = await writePost("처음 본문");
    const answer = await callRoute(
      db,
      editAction,
      formPost(
        `/square/${postId}/edit`,
        { category: "info", title: "수정", body: CORPUS["img onerror"], intent: "save" },
        cookie,
      ),
      { board: "square", postId: String(postId) },
    );
    expect(answer.status).toBe(303);
    const html = await storedHtml(postId);
    expectSafeHtml(html);
    expect(html).not.toContain("<img");
  });

  it("stores a title as typed; the page gets it as text for React to escape", async () => {
    const title = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">';
    const postId = await writePost("본문", title);
    const row = await db.selectFrom("posts").select("title").where("id", "=", postId).executeTakeFirstOrThrow();
    expect(row.title).toBe(title);
    expect((await shownPost(postId)).post.title).toBe(title);
  });
});

describe("an XSS corpus through comment bodies", () => {
  it.each(Object.entries(CORPUS))(
    "%s: stored and returned as the raw text, to be rendered as text",
    async (_name, payload) => {
      const postId = await writePost("댓글을 받을 글");
      const answer = await callRoute(
        db,
        postAction,
        formPost(`/square/${postId}`, { intent: "comment", body: payload }, cookie),
        {
          board: "square",
          postId: String(postId),
        },
      );
      expect(answer.status).toBe(303);
      const stored = await db
        .selectFrom("comments")
        .select("body")
        .where("post_id", "=", postId)
        .executeTakeFirstOrThrow();
      expect(stored.body).toBe(payload.trim());
      expect((await shownPost(postId)).comments.threads[0].body).toBe(payload.trim());
      const fresh = await callRoute(db, commentsLoader, pageGet(`/square/${postId}/comments?since=0`), {
        board: "square",
        postId: String(postId),
      });
      expect(ofKind(fresh.data, "since").comments[0].body).toBe(payload.trim());
    },
  );
});
