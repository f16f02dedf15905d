import sanitizeHtml from "sanitize-html";

const TEXT_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };

/**
 * The words a reader sees in a post's stored HTML, as plain text: no tags, no Markdown syntax, no image or link
 * addresses. Blocks end in a space, so the words of two paragraphs do not run together.
 */
export function textOfHtml(html: string): string {
  const spaced = html.replace(/<\/(p|li|h[1-6]|blockquote|pre|td|th|div)>|<br\s*\/?>/gi, "$& ");
  const escapedText = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} });
  return escapedText.replace(/&(amp|lt|gt|quot);/g, (entity) => TEXT_ENTITIES[entity]);
}
