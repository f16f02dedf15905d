import { isoDate } from "./format";

// https://www.sitemaps.org/protocol.html: every address absolute and XML-escaped, at most 50,000 a file.
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
/** Search engines may keep a sitemap an hour; a new post waits at most that long to be listed. */
const SITEMAP_CACHE_CONTROL = "public, max-age=3600";

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

function xmlResponse(body: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": SITEMAP_CACHE_CONTROL },
  });
}

export interface SitemapEntry {
  /** Absolute. */
  url: string;
  lastModified?: number;
}

function entryXml(tag: "url" | "sitemap", { url, lastModified }: SitemapEntry): string {
  const lastmod = lastModified === undefined ? "" : `<lastmod>${isoDate(lastModified)}</lastmod>`;
  return `<${tag}><loc>${xmlEscape(url)}</loc>${lastmod}</${tag}>`;
}

/** A sitemap file: the pages search engines may crawl. */
export function sitemapResponse(entries: SitemapEntry[]): Response {
  return xmlResponse(`<urlset xmlns="${SITEMAP_NS}">\n${entries.map((e) => entryXml("url", e)).join("\n")}\n</urlset>`);
}

/** A sitemap index: the sitemap files. */
export function sitemapIndexResponse(sitemaps: SitemapEntry[]): Response {
  return xmlResponse(
    `<sitemapindex xmlns="${SITEMAP_NS}">\n${sitemaps.map((e) => entryXml("sitemap", e)).join("\n")}\n</sitemapindex>`,
  );
}

// Rules match by prefix, so a page is closed by its exact path (`$`) and with a query (`?`): `/me` alone would also
// close a board named `media`. `*` spans the board slug, and the post id before `/edit`.
const MEMBER_PAGES = ["me", "notifications", "scraps", "login", "signup", "search"];
const MEMBER_FOLDERS = ["admin/", "settings/", "notifications/"];
const WRITING_PAGES = ["/*/write$", "/*/edit$", "/*/comments?"];

/** robots.txt: public pages open; a member's own, admin, writing and search pages closed; where the sitemap is. */
export function robotsTxtResponse(origin: string): Response {
  const disallowed = [
    ...MEMBER_PAGES.flatMap((page) => [`/${page}$`, `/${page}?`]),
    ...MEMBER_FOLDERS.map((folder) => `/${folder}`),
    ...WRITING_PAGES,
  ];
  const lines = ["User-agent: *", "Allow: /", ...disallowed.map((path) => `Disallow: ${path}`)];
  return new Response(`${lines.join("\n")}\n\nSitemap: ${origin}/sitemap.xml\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": SITEMAP_CACHE_CONTROL },
  });
}
