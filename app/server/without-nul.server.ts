/**
 * A page without NUL characters. React 18's streaming renderer (renderToPipeableStream, up to 18.3.1) sometimes
 * flushed its whole 2,048-byte buffer when a multibyte character did not fit at its end, unwritten zero bytes included
 * (react/react#31134): Korean text then carried stray NULs wherever a buffer boundary fell. renderToString builds a
 * string and has no such buffer, but a NUL must never reach a page whatever renders it: it is nothing a browser
 * shows (HTML parsers drop or replace it), so dropping every one keeps the document React meant to write.
 */
export function withoutNul(html: string): string {
  return html.includes("\0") ? html.replaceAll("\0", "") : html;
}
