import type { MetaDescriptor } from "@remix-run/node";

export const SITE_NAME = "마당";
/** The description of pages that have none of their own, in search results and messenger previews. */
export const SITE_DESCRIPTION =
  "마당은 한국어 커뮤니티 뉴스 게시판입니다. 소식을 읽고 글을 쓰고 댓글로 이야기를 나눕니다.";

/** A page's `<title>` ("… - 마당") and `<meta name="description">`: Remix replaces the root's tags with a route's. */
export function pageMeta(title: string | null, description = SITE_DESCRIPTION): MetaDescriptor[] {
  return [{ title: title ? `${title} - ${SITE_NAME}` : SITE_NAME }, { name: "description", content: description }];
}

/** What a messenger or search engine shows for a post; the same for every reader (see share-card.server.ts). */
export interface ShareCard {
  title: string;
  description: string;
  /** Absolute: the canonical address of the post. */
  url: string;
  /** Absolute: the post's first picture, or the board's default card. */
  image: string;
}

/** A post page's tags: title and description, canonical address, Open Graph and Twitter card. */
export function articleMeta(pageTitle: string, card: ShareCard): MetaDescriptor[] {
  return [
    ...pageMeta(pageTitle, card.description),
    { tagName: "link", rel: "canonical", href: card.url },
    { property: "og:type", content: "article" },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: "ko_KR" },
    { property: "og:title", content: card.title },
    { property: "og:description", content: card.description },
    { property: "og:url", content: card.url },
    { property: "og:image", content: card.image },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: card.title },
    { name: "twitter:description", content: card.description },
    { name: "twitter:image", content: card.image },
  ];
}
