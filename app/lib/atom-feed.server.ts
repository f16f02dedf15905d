import { Feed } from "feed";
import { excerpt } from "./format";
import { textOfHtml } from "./html-text.server";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";
/** Characters of a post's text in its entry's summary. */
const SUMMARY_CHARACTERS = 200;

export interface AtomEntry {
  title: string;
  /** The post's page, absolute. */
  url: string;
  /** The post's stored, already sanitized HTML. */
  bodyHtml: string;
  createdAt: number;
  updatedAt: number;
  /** Null where the post hid its author. */
  authorName: string | null;
}

export interface AtomFeed {
  title: string;
  /** The page the feed follows (the board's list, /hot), absolute. */
  pageUrl: string;
  /** The feed's own address, absolute: also its id. */
  feedUrl: string;
  /** The feed's updated time when it has no entries. */
  emptyUpdatedAt: number;
  entries: AtomEntry[];
}

// XML 1.0 allows no control characters but tab and newlines, no lone surrogates, no U+FFFE/U+FFFF.
const NOT_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xmlText(text: string): string {
  return text.replace(NOT_XML_CHARACTERS, "");
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * The opening words of a post as a short HTML paragraph: the stored HTML reduced to its text, cut on a character
 * boundary, escaped again. Cutting text rather than markup never leaves a tag or entity half open.
 */
export function summaryHtml(bodyHtml: string): string {
  return `<p>${escapeHtml(excerpt(xmlText(textOfHtml(bodyHtml)), SUMMARY_CHARACTERS))}</p>`;
}

/**
 * An Atom feed (RFC 4287) as its HTTP response, written by the `feed` library. Every string is made XML-safe here,
 * since the library only wraps text in CDATA: titles go out as escaped HTML (type="html"), so `<`, `&` and `]]>`
 * in a title reach the reader as text, and the author element only where the post named its author. The feed
 * itself names the board as author, which Atom requires when an entry has none.
 */
export function atomFeedResponse(feed: AtomFeed): Response {
  const updatedAt = feed.entries.reduce((latest, e) => Math.max(latest, e.updatedAt), 0) || feed.emptyUpdatedAt;
  const atom = new Feed({
    id: feed.feedUrl,
    title: xmlText(feed.title),
    link: feed.pageUrl,
    feedLinks: { atom: feed.feedUrl },
    updated: new Date(updatedAt),
    language: "ko",
    author: { name: "마당" },
    generator: false,
  });
  for (const entry of feed.entries) {
    atom.addItem({
      id: entry.url,
      link: entry.url,
      title: escapeHtml(xmlText(entry.title)),
      description: summaryHtml(entry.bodyHtml),
      date: new Date(entry.updatedAt),
      published: new Date(entry.createdAt),
      ...(entry.authorName === null ? {} : { author: [{ name: xmlText(entry.authorName) }] }),
    });
  }
  return new Response(atom.atom1(), { headers: { "Content-Type": ATOM_CONTENT_TYPE } });
}
