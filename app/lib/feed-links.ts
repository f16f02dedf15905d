/** The `<link rel="alternate">` a page's meta puts in its head, so browsers and feed readers find its Atom feed. */
export function feedLink(href: string, title: string) {
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", href, title: `${title} - 마당` } as const;
}
