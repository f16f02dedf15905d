import { Marked, Tokenizer, type Links } from "marked";
import sanitizeHtml from "sanitize-html";
import { MAX_NESTING_DEPTH } from "./markdown-bounds";

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

const markdownToHtml = new Marked({
  async: false,
  gfm: true,
  // Korean community posts break lines with a single newline.
  breaks: true,
  renderer: {
    // Form controls are not allowed in posts; keep the task marker as text.
    checkbox: ({ checked }) => (checked ? "[x] " : "[ ] "),
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
  h1: [],
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
  img: ["src", "alt", "title", "loading"],
};

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: Object.keys(POST_HTML_ALLOWLIST),
  allowedAttributes: Object.fromEntries(
    Object.entries(POST_HTML_ALLOWLIST)
      .filter(([, attributes]) => attributes.length > 0)
      .map(([tag, attributes]) => [tag, [...attributes]]),
  ),
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
    img: (tagName, { src, ...attribs }) => ({
      tagName,
      // Relative image paths would load from our own origin; only remote http(s) images are embedded.
      attribs: {
        ...attribs,
        ...(src !== undefined && ABSOLUTE_HTTP_URL.test(src.trim()) ? { src } : {}),
        loading: "lazy",
      },
    }),
  },
  exclusiveFilter: (frame) => {
    // A link whose URL was rejected keeps its text; an image without a source has nothing to show.
    if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
    return frame.tag === "img" && !frame.attribs.src;
  },
};

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdownToHtml.parse(source, { async: false }), SANITIZE_OPTIONS);
}
