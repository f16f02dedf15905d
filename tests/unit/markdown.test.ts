import { POST_HTML_ALLOWLIST, renderMarkdown } from "~/lib/markdown.server";
import { browserUrl } from "../helpers/browser-url";

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

const OPENING_TAG = /<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'=/>]+(?:="[^"]*")?)*)\s*\/?>/g;
const CLOSING_TAG = /<\/[a-zA-Z][a-zA-Z0-9]*\s*>/g;
const ATTRIBUTE = /([^\s"'=/>]+)(?:="([^"]*)")?/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  Tab: "\t",
  NewLine: "\n",
  nbsp: "\u00a0",
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const isHex = body[1] === "x" || body[1] === "X";
      return String.fromCodePoint(Number.parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10));
    }
    return NAMED_ENTITIES[body] ?? entity;
  });
}

// The sanitizer escapes every "<" in text, so each "<" left in the output must start a
// well-formed tag; anything else means the output is not what the regexes think it is.
function parseTags(html: string): Tag[] {
  const leftover = html.replace(OPENING_TAG, "").replace(CLOSING_TAG, "");
  expect(leftover).not.toContain("<");
  return [...html.matchAll(OPENING_TAG)].map(([, name, attributeText]) => ({
    name: name.toLowerCase(),
    attributes: new Map(
      [...attributeText.matchAll(ATTRIBUTE)].map(([, attribute, value]) => [
        attribute.toLowerCase(),
        decodeEntities(value ?? ""),
      ]),
    ),
  }));
}

function schemeOf(url: string): string | null {
  return /^([a-z][a-z0-9+.-]*):/i.exec(browserUrl(url))?.[1].toLowerCase() ?? null;
}

function isProtocolRelative(url: string): boolean {
  return /^[/\\]{2}/.test(browserUrl(url));
}

function expectSafe(html: string): void {
  expect(html).not.toMatch(/<\s*script/i);
  expect(html).not.toMatch(/<\s*(iframe|object|embed|svg|math|style|form|input|meta|base|link|details|body)\b/i);
  for (const { name, attributes } of parseTags(html)) {
    expect(Object.keys(POST_HTML_ALLOWLIST)).toContain(name);
    for (const [attribute, value] of attributes) {
      expect(attribute).not.toMatch(/^on/);
      expect(POST_HTML_ALLOWLIST[name]).toContain(attribute);
      if (attribute === "href" || attribute === "src") {
        expect(value).not.toMatch(/(javascript|vbscript|data)\s*:/i);
        expect(isProtocolRelative(value)).toBe(false);
        const allowedSchemes = attribute === "src" ? ["http", "https"] : ["http", "https", "mailto", null];
        expect(allowedSchemes).toContain(schemeOf(value));
      }
    }
    if (name === "a") expect(attributes.get("rel")).toBe("nofollow ugc noopener");
  }
}

describe("renderMarkdown allowed constructs", () => {
  test("paragraphs and single newlines become line breaks", () => {
    expect(renderMarkdown("첫 줄\n둘째 줄\n\n새 문단")).toBe("<p>첫 줄<br />둘째 줄</p>\n<p>새 문단</p>\n");
  });

  test("emphasis, strong and strikethrough", () => {
    expect(renderMarkdown("*기울임* **굵게** ~~취소~~")).toBe(
      "<p><em>기울임</em> <strong>굵게</strong> <del>취소</del></p>\n",
    );
  });

  describe("headings sit under the page's h1", () => {
    const levels = (html: string) => Array.from(html.matchAll(/<h([1-6])>/g), (match) => Number(match[1]));

    test("# to ###### become h2 to h6, the deepest two both h6", () => {
      const html = renderMarkdown("# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6");
      expect(levels(html)).toEqual([2, 3, 4, 5, 6, 6]);
      expect(html).toContain("<h2>1</h2>");
    });

    test("a post that starts lower starts at h2, and no level is skipped", () => {
      expect(levels(renderMarkdown("### 소제목\n본문\n##### 더 작은 제목\n### 다음 소제목"))).toEqual([2, 3, 2]);
      expect(levels(renderMarkdown("# 가\n### 나\n## 다\n#### 라\n# 마"))).toEqual([2, 3, 3, 4, 2]);
    });

    test("setext headings and headings in quotes and lists take their place in the same outline", () => {
      const html = renderMarkdown("제목\n===\n\n> ### 인용 속 제목\n\n- ## 목록 속 제목\n\n부제\n---");
      expect(levels(html)).toEqual([2, 3, 3, 3]);
    });

    test("a page's outline never gets an h1 from a post", () => {
      expect(renderMarkdown("# 하나\n\n# 둘")).toBe("<h2>하나</h2>\n<h2>둘</h2>\n");
    });
  });

  test("unordered, ordered and task lists", () => {
    expect(renderMarkdown("- 가\n- 나")).toBe("<ul>\n<li>가</li>\n<li>나</li>\n</ul>\n");
    expect(renderMarkdown("3. 셋\n4. 넷")).toBe('<ol start="3">\n<li>셋</li>\n<li>넷</li>\n</ol>\n');
    expect(renderMarkdown("- [ ] 할 일\n- [x] 끝낸 일")).toBe(
      "<ul>\n<li>[ ] 할 일</li>\n<li>[x] 끝낸 일</li>\n</ul>\n",
    );
  });

  test("blockquote, hr, inline code and fenced code keep their text escaped", () => {
    expect(renderMarkdown("> 인용")).toBe("<blockquote>\n<p>인용</p>\n</blockquote>\n");
    expect(renderMarkdown("위\n\n---\n\n아래")).toContain("<hr />");
    expect(renderMarkdown("`<b>`")).toBe("<p><code>&lt;b&gt;</code></p>\n");
    expect(renderMarkdown("```js\nif (a < b) alert(1)\n```")).toBe(
      '<pre><code class="language-js">if (a &lt; b) alert(1)\n</code></pre>\n',
    );
  });

  test("tables keep column alignment", () => {
    const html = renderMarkdown("| 이름 | 수 |\n|:--|--:|\n| 가 | 1 |");
    expect(html).toContain('<th align="left">이름</th>');
    expect(html).toContain('<td align="right">1</td>');
    expect(html).toMatch(/<table>[\s\S]*<thead>[\s\S]*<tbody>/);
  });

  test("http, https, mailto and relative links get rel and no target", () => {
    const html = renderMarkdown(
      '[가](https://example.com/a?b=1&c=2 "제목") [나](http://example.com) [다](mailto:a@example.com) [라](/free/12#c3)',
    );
    expect(html).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" title="제목" rel="nofollow ugc noopener">가</a> ' +
        '<a href="http://example.com" rel="nofollow ugc noopener">나</a> ' +
        '<a href="mailto:a@example.com" rel="nofollow ugc noopener">다</a> ' +
        '<a href="/free/12#c3" rel="nofollow ugc noopener">라</a></p>\n',
    );
    expect(html).not.toContain("target");
  });

  test("a bare URL on its own line becomes a link, an image URL too unless written as an image", () => {
    const source = [
      '카카오는 "개정약관 시행일 7일 후까지 거부의사를 표하지 않으면 동의한 것으로 본다"',
      "https://img.theqoo.net/RyCkle",
      "",
      "https://n.news.naver.com/article/374/0000481544?sid=101",
    ].join("\n");
    expect(renderMarkdown(source)).toBe(
      '<p>카카오는 "개정약관 시행일 7일 후까지 거부의사를 표하지 않으면 동의한 것으로 본다"<br />' +
        '<a href="https://img.theqoo.net/RyCkle" rel="nofollow ugc noopener">https://img.theqoo.net/RyCkle</a></p>\n' +
        '<p><a href="https://n.news.naver.com/article/374/0000481544?sid=101" rel="nofollow ugc noopener">' +
        "https://n.news.naver.com/article/374/0000481544?sid=101</a></p>\n",
    );
  });

  test("http and https images load lazily; other image sources are dropped", () => {
    expect(renderMarkdown("![고양이](https://img.theqoo.net/RyCkle)")).toBe(
      '<p><img alt="고양이" src="https://img.theqoo.net/RyCkle" loading="lazy" decoding="async" /></p>\n',
    );
    expect(renderMarkdown("![a](http://example.com/a.png)")).toContain('src="http://example.com/a.png"');
    expect(renderMarkdown("![상대](/uploads/a.png)")).toBe("<p></p>\n");
    expect(renderMarkdown("![a](//evil.example/a.png)")).toBe("<p></p>\n");
  });

  test("typed HTML is shown as text, not interpreted", () => {
    expect(renderMarkdown("<b>굵게?</b> 1 < 2")).toBe("<p>&lt;b&gt;굵게?&lt;/b&gt; 1 &lt; 2</p>\n");
  });
});

const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<img src=x onerror=alert(1)//",
  "hi <img src=x onerror=alert(1)> there",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="\tjavascript:alert(1)">x</a>',
  '<a href="\njavascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](jav&#x61;script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](&#x6A;avascript&#x3A;alert(1))",
  "[x](&#0000106&#0000097vascript:alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x]( javascript:alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x](java\u0001script:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](VBScript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](DATA:text/html,<script>alert(1)</script>)",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](data:image/svg+xml,<svg onload=alert(1)>)",
  "![x](javascript:alert(1))",
  "![x](jav&#x61;script:alert(1))",
  "<javascript:alert(1)>",
  "[x][evil]\n\n[evil]: javascript:alert(1)",
  "[x](//evil.example/path)",
  "[x](/\\evil.example/path)",
  '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  "[x](https://ok.example 'a\\' onmouseover=alert(1)')",
  '![" onerror="alert(1)](https://ok.example/a.png)',
  "[<img src=x onerror=alert(1)>](https://ok.example)",
  "<iframe src=javascript:alert(1)></iframe>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<style>body { background: url(javascript:alert(1)) }</style>",
  "<form action=javascript:alert(1)><input type=submit></form>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=import href="data:text/html,<script>alert(1)</script>">',
  "<!--<img src=x onerror=alert(1)>-->",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<div>\n\n[x](javascript:alert(1))\n\n</div>",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "> <script>alert(1)</script>",
  "```\n</code></pre><script>alert(1)</script>\n```",
];

describe("renderMarkdown XSS corpus", () => {
  test.each(XSS_PAYLOADS)("%j renders inert", (payload) => {
    expectSafe(renderMarkdown(payload));
  });

  test("a script tag is shown as harmless text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  });

  test("an event-handler image is shown as text inside its paragraph", () => {
    expect(renderMarkdown("hi <img src=x onerror=alert(1)> there")).toBe(
      "<p>hi &lt;img src=x onerror=alert(1)&gt; there</p>\n",
    );
  });

  test("links with a rejected URL keep their text without the link", () => {
    expect(renderMarkdown("[눌러](jav&#x61;script:alert(1)) 뒤")).toBe("<p>눌러 뒤</p>\n");
    expect(renderMarkdown("[눌러](//evil.example)")).toBe("<p>눌러</p>\n");
    expect(renderMarkdown("<javascript:alert(1)>")).toBe("<p>javascript:alert(1)</p>\n");
  });

  test("a quote in a link title stays inside the attribute", () => {
    expect(renderMarkdown('[x](https://ok.example "a\\" onmouseover=\\"alert(1)")')).toBe(
      '<p><a href="https://ok.example" title="a&quot; onmouseover=&quot;alert(1)" rel="nofollow ugc noopener">x</a></p>\n',
    );
  });

  test("the safety check itself rejects dangerous markup", () => {
    expect(() => expectSafe('<a href="jav&#x61;script:alert(1)" rel="nofollow ugc noopener">x</a>')).toThrow();
    expect(() => expectSafe('<img src="x" onerror="alert(1)" />')).toThrow();
    expect(() => expectSafe('<a href="https://ok.example">x</a>')).toThrow();
    expect(() => expectSafe("<p>1 <2</p>")).toThrow();
  });
});

describe("the post HTML allow-list", () => {
  // The renderer and both safety checks read this one list, so the list itself must stay harmless.
  const SCRIPT_CAPABLE_TAGS = [
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "meta",
    "base",
    "link",
    "details",
    "template",
    "audio",
    "video",
    "source",
  ];
  const SCRIPT_CAPABLE_ATTRIBUTES = ["style", "srcdoc", "srcset", "formaction", "action", "xlink:href", "target"];

  // The one exception: the YouTube player, framed only from youtube-nocookie.com and sandboxed (see the video tests).
  const FRAMED_VIDEO_TAG = "iframe";

  test("holds no element or attribute that can run script, restyle the page or embed another document", () => {
    for (const [tag, attributes] of Object.entries(POST_HTML_ALLOWLIST)) {
      if (tag !== FRAMED_VIDEO_TAG) expect(SCRIPT_CAPABLE_TAGS).not.toContain(tag);
      for (const attribute of attributes) {
        expect(attribute).not.toMatch(/^on/i);
        expect(SCRIPT_CAPABLE_ATTRIBUTES).not.toContain(attribute);
      }
    }
  });
});
