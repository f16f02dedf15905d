import { marked } from "marked";

// Placeholder: replaced by the sanitizing renderer.
export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false });
}
