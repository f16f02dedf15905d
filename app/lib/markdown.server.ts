import { Marked, Tokenizer, walkTokens, type Links, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { MAX_NESTING_DEPTH } from "./markdown-bounds";
import { UPLOAD_URL } from "./upload-paths";
import { isYoutubeEmbedUrl, YOUTUBE_EMBED_ORIGIN, youtubeEmbedUrl, youtubeVideoId } from "./youtube";

/** How deep marked is in one kind of construct, during one (synchronous) render. */
class NestingLimit {
  private depth = 0;

  /** Runs one level deeper, or answers undefined (no token: marked reads the text as typed) at the limit. */
  within<T>(tokenize: () => T): T | undefined {
    if (this.depth >= MAX_NESTING_DEPTH) return undefined;
    this.depth++;
    try {
      return tokenize();
    } finally {
      this.depth--;
    }
  }
}

/**
 * marked recurses once per nested quote or list and once per nested emphasis, strikethrough or link; far enough
 * down it overflows the stack, and each level lexes its content again. The form refuses bodies nested deeper than
 * MAX_NESTING_DEPTH where it can see it (markdown-bounds.ts); whatever gets past that check is capped here: a
 * construct deeper than the limit is left as the text it was typed as.
 */
class PostTokenizer extends Tokenizer {
  private readonly blocks = new NestingLimit();
  private readonly inlines = new NestingLimit();

  // Posts are Markdown only: the raw-HTML tokenizers find nothing, so marked reads typed HTML as plain text and it
  // is shown escaped, as the author wrote it.
  override html(): undefined {
    return undefined;
  }

  override tag(): undefined {
    return undefined;
  }

  override blockquote(src: string) {
    return this.blocks.within(() => super.blockquote(src));
  }

  override list(src: string) {
    return this.blocks.within(() => super.list(src));
  }

  override emStrong(src: string, maskedSrc: string, prevChar?: string) {
    return this.inlines.within(() => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string) {
    return this.inlines.within(() => super.del(src, maskedSrc, prevChar));
  }

  override link(src: string) {
    return this.inlines.within(() => super.link(src));
  }

  override reflink(src: string, links: Links) {
    return this.inlines.within(() => super.reflink(src, links));
  }
}

const VIDEO_SANDBOX = "allow-scripts allow-same-origin allow-presentation";
const VIDEO_TITLE = "YouTube 동영상";

/** The video a line shows when it holds nothing but a pasted YouTube address; null for any other line. */
function videoOfLine(line: readonly Token[]): string | null {
  const tokens = line.filter((token) => !(token.type === "text" && token.raw.trim() === ""));
  if (tokens.length !== 1 || tokens[0].type !== "link") return null;
  const link = tokens[0] as Tokens.Link;
  // A pasted address, not a link with words of its own: "[발표 영상](…)" stays a link.
  if (link.text !== link.href) return null;
  return youtubeVideoId(link.href);
}

function videoPlayer(videoId: string): string {
  const src = youtubeEmbedUrl(videoId);
  return `<iframe src="${src}" sandbox="${VIDEO_SANDBOX}" allowfullscreen loading="lazy" title="${VIDEO_TITLE}"></iframe>`;
}

/**
 * A post sits under its page's h1 (the title), so its headings start at h2 and never skip a level: a heading's level
 * is one more than the number of headings above it still open (written with fewer #s), capped at h6. "# 가 / ### 나 /
 * ## 다" becomes h2, h3, h3. Stored posts were re-leveled the same way by migration 20261130040000 (ADR 028).
 */
function outlineHeadings(tokens: Token[]): void {
  const openDepths: number[] = [];
  walkTokens(tokens, (token) => {
    if (token.type !== "heading") return;
    while (openDepths.length > 0 && openDepths[openDepths.length - 1] >= token.depth) openDepths.pop();
    openDepths.push(token.depth);
    token.depth = Math.min(openDepths.length + 1, 6);
  });
}

const markdownToHtml = new Marked({
  async: false,
  gfm: true,
  // Korean community posts break lines with a single newline.
  breaks: true,
  hooks: {
    processAllTokens(tokens) {
      outlineHeadings(tokens);
      return tokens;
    },
  },
  renderer: {
    // Form controls are not allowed in posts; keep the task marker as text.
    checkbox: ({ checked }) => (checked ? "[x] " : "[ ] "),
    // A paragraph's lines that hold only a YouTube address become players between the paragraph's other lines.
    paragraph({ tokens }) {
      const lines: Token[][] = [[]];
      for (const token of tokens) {
        if (token.type === "br") lines.push([]);
        else lines[lines.length - 1].push(token);
      }
      const videos = lines.map(videoOfLine);
      if (videos.every((video) => video === null)) return `<p>${this.parser.parseInline(tokens)}</p>\n`;
      let html = "";
      let text: Token[][] = [];
      const flushText = () => {
        if (text.length > 0) html += `<p>${text.map((line) => this.parser.parseInline(line)).join("<br>")}</p>\n`;
        text = [];
      };
      lines.forEach((line, index) => {
        const video = videos[index];
        if (video === null) return void text.push(line);
        flushText();
        html += `${videoPlayer(video)}\n`;
      });
      flushText();
      return html;
    },
  },
}).setOptions({ tokenizer: new PostTokenizer() });

const LINK_REL = "nofollow ugc noopener";
const ABSOLUTE_HTTP_URL = /^https?:\/\//i;

// sanitize-html parses marked's output like a browser would (entities decoded,
// control characters stripped) before checking URL schemes, so it is the
// authority on what survives, even though raw HTML never reaches it.
/** Every element a post may contain, with the attributes it may keep; the tests check rendered posts against it. */
export const POST_HTML_ALLOWLIST: Readonly<Record<string, readonly string[]>> = {
  p: [],
  br: [],
  em: [],
  strong: [],
  del: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  ul: [],
  ol: ["start"],
  li: [],
  blockquote: [],
  code: ["class"],
  pre: [],
  hr: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["align"],
  td: ["align"],
  a: ["href", "title", "rel"],
  img: ["src", "alt", "title", "loading", "decoding", "width", "height"],
  iframe: ["src", "sandbox", "allowfullscreen", "loading", "title"],
};

/** The size of an uploaded image, from its record, for the renderer to set on the picture. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * How a rendered body is cleaned. `uploads` are this board's uploads the body may show, with their sizes; an image
 * path of ours that is not among them is dropped like any other relative path. The hashes of those shown are added
 * to `shown`.
 */
function sanitizeOptions(uploads: ReadonlyMap<string, ImageSize>, shown: Set<string>): sanitizeHtml.IOptions {
  return {
    allowedTags: Object.keys(POST_HTML_ALLOWLIST),
    allowedAttributes: Object.fromEntries(
      Object.entries(POST_HTML_ALLOWLIST)
        .filter(([, attributes]) => attributes.length > 0)
        .map(([tag, attributes]) => [tag, [...attributes]]),
    ),
    allowedClasses: { code: ["language-*"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"], iframe: ["https"] },
    allowProtocolRelative: false,
    // Only the privacy-enhanced YouTube player may be framed, as the content security policy's frame-src says.
    allowedIframeHostnames: [new URL(YOUTUBE_EMBED_ORIGIN).hostname],
    allowIframeRelativeUrls: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
      img: (tagName, { src, width: _width, height: _height, ...attribs }) => ({
        tagName,
        attribs: { ...attribs, ...imageSource(src?.trim(), uploads, shown), loading: "lazy", decoding: "async" },
      }),
      iframe: (tagName, { src }) => ({
        tagName,
        attribs: {
          ...(src !== undefined && isYoutubeEmbedUrl(src) ? { src } : {}),
          sandbox: VIDEO_SANDBOX,
          allowfullscreen: "",
          loading: "lazy",
          title: VIDEO_TITLE,
        },
      }),
    },
    exclusiveFilter: (frame) => {
      // A link whose URL was rejected keeps its text; an image or player without a source has nothing to show.
      if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
      return (frame.tag === "img" || frame.tag === "iframe") && !frame.attribs.src;
    },
  };
}

/**
 * Remote http(s) images are embedded as they are; one of our uploads keeps its path and gets its stored size, so the
 * page does not jump as it loads. Any other relative path would load from our own origin and is dropped.
 */
function imageSource(
  src: string | undefined,
  uploads: ReadonlyMap<string, ImageSize>,
  shown: Set<string>,
): Record<string, string> {
  if (src === undefined) return {};
  if (ABSOLUTE_HTTP_URL.test(src)) return { src };
  const hash = UPLOAD_URL.exec(src)?.[1];
  const size = hash === undefined ? undefined : uploads.get(hash);
  if (hash === undefined || size === undefined) return {};
  shown.add(hash);
  return { src, width: String(size.width), height: String(size.height) };
}

const UPLOAD_PATHS = /\/uploads\/([0-9a-f]{64})\.(?:webp|gif)/g;

/** The hashes of every upload address a body mentions: what to look up before rendering it. */
export function uploadHashesIn(source: string): string[] {
  return [...new Set(Array.from(source.matchAll(UPLOAD_PATHS), (match) => match[1]))];
}

export interface RenderedPost {
  html: string;
  /** The uploads the post shows: its usage rows. */
  uploadHashes: string[];
  /** Whether it shows any picture, ours or another site's: the list's picture icon. */
  hasImages: boolean;
}

/** A post body as it is saved: Markdown rendered, cleaned, our uploads sized from `uploads` (see findUploadSizes). */
export function renderPost(source: string, uploads: ReadonlyMap<string, ImageSize> = new Map()): RenderedPost {
  const shown = new Set<string>();
  const html = sanitizeHtml(markdownToHtml.parse(source, { async: false }), sanitizeOptions(uploads, shown));
  return { html, uploadHashes: [...shown], hasImages: /<img\s/.test(html) };
}

export function renderMarkdown(source: string, uploads?: ReadonlyMap<string, ImageSize>): string {
  return renderPost(source, uploads).html;
}
