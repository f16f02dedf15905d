import { HOSTILE_MARKDOWN } from "../../bench/hostile-markdown";
import { parseForm } from "~/lib/form-submission.server";
import {
  MAX_NESTING_DEPTH,
  MAX_UNSPACED_RUN,
  NESTING_TOO_DEEP_MESSAGE,
  UNSPACED_RUN_TOO_LONG_MESSAGE,
  markdownBoundsProblem,
} from "~/lib/markdown-bounds";
import { renderMarkdown } from "~/lib/markdown.server";
import { postSchema } from "~/lib/post-schemas.server";

const BOUNDS_MESSAGES = [NESTING_TOO_DEEP_MESSAGE, UNSPACED_RUN_TOO_LONG_MESSAGE];

function bodyForm(body: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ category: "news", title: "제목", body })) form.append(name, value);
  return form;
}

function count(html: string, tag: string): number {
  return html.split(`<${tag}>`).length - 1;
}

// Each render of a 64 KiB body takes up to ~150 ms of CPU; the timeout leaves room for a machine busy with other work.
describe("hostile Markdown at the largest body size", { timeout: 30_000 }, () => {
  test.each(Object.entries(HOSTILE_MARKDOWN))("%s is refused with a Korean message or rendered", (_name, body) => {
    const result = parseForm(postSchema, bodyForm(body));
    if (result.ok) expect(typeof renderMarkdown(result.data.body)).toBe("string");
    else expect(BOUNDS_MESSAGES).toContain(result.fieldErrors.body);
  });

  test("the security review's inputs: emphasis runs and deep quotes are refused, a rule of 30,000 stars renders", () => {
    expect(markdownBoundsProblem("*a".repeat(32768))).toBe(UNSPACED_RUN_TOO_LONG_MESSAGE);
    expect(markdownBoundsProblem(">".repeat(10000))).toBe(NESTING_TOO_DEEP_MESSAGE);
    expect(markdownBoundsProblem("* ".repeat(30000))).toBeNull();
    expect(renderMarkdown("* ".repeat(30000))).toBe("<hr />\n");
  });

  test("even past the form's check, the renderer never throws on deep nesting", () => {
    for (const body of [">".repeat(10000), "* ".repeat(20000) + "a", "*a _".repeat(8000) + "x" + "_ a*".repeat(8000)]) {
      expect(typeof renderMarkdown(body)).toBe("string");
    }
  });
});

describe("nesting depth", () => {
  test(`quotes and lists nest up to ${MAX_NESTING_DEPTH} levels`, () => {
    for (const marker of ["> ", "- ", "* ", "1. ", "- > "]) {
      const levels = marker === "- > " ? MAX_NESTING_DEPTH / 2 : MAX_NESTING_DEPTH;
      expect(markdownBoundsProblem(marker.repeat(levels) + "a")).toBeNull();
      expect(markdownBoundsProblem(marker.repeat(levels + 1) + "a")).toBe(NESTING_TOO_DEEP_MESSAGE);
    }
    expect(markdownBoundsProblem(">".repeat(MAX_NESTING_DEPTH + 1))).toBe(NESTING_TOO_DEEP_MESSAGE);
  });

  test("a list nested by indentation counts one level per four columns", () => {
    const list = (levels: number) => Array.from({ length: levels }, (_, i) => "    ".repeat(i) + "- 항목").join("\n");
    expect(markdownBoundsProblem(list(MAX_NESTING_DEPTH))).toBeNull();
    expect(markdownBoundsProblem(list(MAX_NESTING_DEPTH + 1))).toBe(NESTING_TOO_DEEP_MESSAGE);
    expect(markdownBoundsProblem("\t".repeat(MAX_NESTING_DEPTH) + "- 항목")).toBe(NESTING_TOO_DEEP_MESSAGE);
  });

  test("ordinary posts, rules and code blocks are not nesting", () => {
    expect(markdownBoundsProblem("> 인용\n>> 다시 인용\n\n- 가\n  - 나\n    1. 다")).toBeNull();
    expect(markdownBoundsProblem("- ".repeat(40).trim())).toBeNull();
    expect(markdownBoundsProblem("```\n" + "> ".repeat(50) + "\n```\n본문")).toBeNull();
    expect(markdownBoundsProblem("~~~\n" + "> ".repeat(50) + "\n```\n~~~\n" + "> ".repeat(50))).toBe(
      NESTING_TOO_DEEP_MESSAGE,
    );
  });

  test(`the renderer keeps ${MAX_NESTING_DEPTH} levels and shows the rest as typed`, () => {
    const quotes = renderMarkdown("> ".repeat(MAX_NESTING_DEPTH + 5) + "a");
    expect(count(quotes, "blockquote")).toBe(MAX_NESTING_DEPTH);
    expect(quotes).toContain("&gt; &gt; &gt; &gt; &gt; a");
    const emphasis = renderMarkdown("*a _".repeat(15) + "x" + "_ a*".repeat(15));
    expect(count(emphasis, "em")).toBe(MAX_NESTING_DEPTH);
    expect(renderMarkdown("> ".repeat(MAX_NESTING_DEPTH) + "*a*")).toContain("<em>a</em>");
  });
});

describe("unspaced runs", () => {
  const run = (length: number) => "a_".repeat(length / 2);

  test(`a run with *, _, ~, ! or a backtick may be ${MAX_UNSPACED_RUN} characters long`, () => {
    expect(markdownBoundsProblem(`글 ${run(MAX_UNSPACED_RUN)} 끝`)).toBeNull();
    expect(markdownBoundsProblem(`글 ${run(MAX_UNSPACED_RUN + 2)} 끝`)).toBe(UNSPACED_RUN_TOO_LONG_MESSAGE);
    for (const mark of ["*", "_", "~", "!", "`"]) {
      expect(markdownBoundsProblem("a".repeat(MAX_UNSPACED_RUN) + mark)).toBe(UNSPACED_RUN_TOO_LONG_MESSAGE);
    }
  });

  test("long runs without those marks, spaced text, Hangul and code blocks are fine", () => {
    expect(markdownBoundsProblem("a".repeat(65536))).toBeNull();
    expect(markdownBoundsProblem(`https://example.com/${"%EA%B0%80".repeat(300)}`)).toBeNull();
    expect(markdownBoundsProblem("*a *b ".repeat(5000))).toBeNull();
    expect(markdownBoundsProblem("ㅋ_".repeat(5000))).toBeNull();
    expect(markdownBoundsProblem("```\n" + run(5000) + "\n```")).toBeNull();
  });
});
