import { BLINDED_POST_TEXT } from "~/models/blinding";
import { textOfHtml } from "./html-text.server";
import type { ShareCard } from "./page-meta";

/** The default picture of a shared post without one of its own: public/share-card.png, 1200×630. */
export const DEFAULT_SHARE_IMAGE_PATH = "/share-card.png";
/** About two lines of a messenger's preview card. */
const DESCRIPTION_MAX_LENGTH = 120;

/** The first picture a post's stored HTML shows, made absolute; only our uploads and https images are ever shown. */
function firstImageUrl(html: string, origin: string): string | null {
  const src = /<img\s[^>]*\bsrc="([^"]+)"/i.exec(html)?.[1]?.replace(/&amp;/g, "&");
  if (src === undefined) return null;
  if (src.startsWith("/") && !src.startsWith("//")) return `${origin}${src}`;
  return src.startsWith("https://") ? src : null;
}

/** The first words of a body, cut at a space near the limit. */
function summaryOf(text: string): string {
  const words = text.replace(/\s+/g, " ").trim();
  if (words.length <= DESCRIPTION_MAX_LENGTH) return words;
  const cut = words.slice(0, DESCRIPTION_MAX_LENGTH);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > DESCRIPTION_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * The preview card of a post. It never depends on who asks, since logged-out pages are cached per address and a
 * link is shared to anyone: a blinded post gets the notice and the default picture even when its author asks.
 * `origin` is the visitor's scheme and host (server.js builds the request URL through the trusted proxies).
 */
export function postShareCard(
  post: { id: number; title: string; bodyHtml: string; blindedAt: number | null; boardSlug: string },
  boardName: string,
  origin: string,
): ShareCard {
  const url = `${origin}/${post.boardSlug}/${post.id}`;
  const defaultImage = `${origin}${DEFAULT_SHARE_IMAGE_PATH}`;
  if (post.blindedAt !== null) {
    return { title: BLINDED_POST_TEXT, description: `${BLINDED_POST_TEXT}.`, url, image: defaultImage };
  }
  const summary = summaryOf(textOfHtml(post.bodyHtml));
  return {
    title: post.title,
    description: summary || `${boardName} 게시판의 글입니다.`,
    url,
    image: firstImageUrl(post.bodyHtml, origin) ?? defaultImage,
  };
}
