import { BODY_MAX_BYTES } from "~/lib/input-limits";

/** `unit` repeated to fill a whole body (64 KiB), the largest a post may be. */
function fill(unit: string, size = BODY_MAX_BYTES): string {
  return unit.repeat(Math.floor(size / Buffer.byteLength(unit)));
}

/** Runs of `unit` as long as a body may hold unspaced (1,000 characters), separated by spaces. */
function unspacedRuns(unit: string): string {
  return fill(unit.repeat(Math.floor(1000 / unit.length)) + " ");
}

function nested(open: string, close: string): string {
  const depth = Math.floor((BODY_MAX_BYTES - 1) / Buffer.byteLength(open + close));
  return open.repeat(depth) + "x" + close.repeat(depth);
}

function indentedList(step: string, marker: string): string {
  const lines: string[] = [];
  for (let size = 0, depth = 0; size < BODY_MAX_BYTES - 500; depth++) {
    const line = step.repeat(depth) + marker + "a";
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

/**
 * Bodies of the largest allowed size built to make marked slow or crash it: each is either refused by the form's
 * Markdown bounds or rendered, and never throws. `npm run bench:markdown` times them.
 */
export const HOSTILE_MARKDOWN: Record<string, string> = {
  "emphasis *a": fill("*a"),
  "emphasis _a": fill("_a"),
  "emphasis a_": fill("a_"),
  "emphasis _a__": fill("_a__"),
  "emphasis **a": fill("**a"),
  "emphasis *a (1,000-character runs)": unspacedRuns("*a"),
  "emphasis _a (1,000-character runs)": unspacedRuns("_a"),
  "emphasis a_ (1,000-character runs)": unspacedRuns("a_"),
  "emphasis _a__ (1,000-character runs)": unspacedRuns("_a__"),
  "emphasis *가": fill("*가"),
  "emphasis *a *a": fill("*a "),
  "emphasis *a* *a*": fill("*a* "),
  "strikethrough ~~a": fill("~~a"),
  "strikethrough ~a (1,000-character runs)": unspacedRuns("~a"),
  "exclamation !a (1,000-character runs)": unspacedRuns("!a"),
  "nested emphasis *a _": nested("*a _", "_ a*"),
  "nested strong **a": nested("**a ", " a**"),
  "nested strikethrough ~~a": nested("~~a ", " a~~"),
  "nested emphasis *_": nested("*_", "_*"),
  "nested links [*": nested("[*", "*](u)"),
  "backticks `": fill("`"),
  "code spans `a": fill("`a"),
  "code spans `a` ": fill("`a` "),
  "brackets [": fill("["),
  "brackets [ (1,000-character runs)": unspacedRuns("[a"),
  "links [a](": fill("[a]("),
  "links [a](u) ": fill("[a](u) "),
  "nested link brackets": nested("[", "](u)"),
  "nested images": nested("![", "](u)"),
  "reference links": "[a]: /b\n" + fill("[a]", BODY_MAX_BYTES - 8),
  "reference definitions": fill("[a]: b\n"),
  "autolinks <http://": fill("<http://"),
  "bare URLs": fill("http://a "),
  "www.": fill("www."),
  "e-mail a@": fill("a@"),
  "HTML <": fill("<"),
  "HTML <a (1,000-character runs)": unspacedRuns("<a"),
  "HTML tags <b>": fill("<b>"),
  "HTML comments <!--": fill("<!--"),
  "entities &#": fill("&#"),
  "backslashes \\": fill("\\"),
  "table rows": "|a|b|\n|-|-|\n" + fill("|x|y|\n", BODY_MAX_BYTES - 12),
  "wide table": "|" + "a|".repeat(3000) + "\n|" + "-|".repeat(3000) + "\n" + fill("|x", BODY_MAX_BYTES - 15000),
  "pipes |": fill("|"),
  "headings #": fill("# a\n"),
  "setext headings": fill("a\n=\n"),
  "rules ***": fill("***\n"),
  "fences ```": fill("```\n"),
  "tildes ~~~": fill("~~~\n"),
  "line breaks": fill("a  \n"),
  paragraphs: fill("a\n\n"),
  "one long line": fill("가나다 "),
  "blockquotes >": fill(">"),
  "blockquotes > ": fill("> "),
  "list items * (30,000)": "* ".repeat(30000),
  "nested list items * a": fill("* ", BODY_MAX_BYTES - 1) + "a",
  "nested list items - a": fill("- ", BODY_MAX_BYTES - 1) + "a",
  "nested ordered lists 1. a": fill("1. ", BODY_MAX_BYTES - 1) + "a",
  "quotes in lists - > a": fill("- > ", BODY_MAX_BYTES - 1) + "a",
  "list nested by two spaces": indentedList("  ", "- "),
  "list nested by four spaces": indentedList("    ", "- "),
  "quote nested by indentation": indentedList("  ", "> "),
};
