import fc from "fast-check";
import {
  highlight,
  indexedGrams,
  parseSearchQuery,
  searchQueryProblem,
  searchWords,
  snippet,
  wordGrams,
} from "~/lib/search-text";

const marked = (pieces: { text: string; marked: boolean }[]) =>
  pieces.map((p) => (p.marked ? `[${p.text}]` : p.text)).join("");

/** Text made of Korean syllables, Latin letters, digits and the punctuation people type. */
const boardText = fc.string({
  unit: fc.constantFrom(..."가나다라환율정치국회카톡AIncTZ0129 ,.-_*\"'():^%\\<>!?\n"),
  maxLength: 60,
});

describe("searchWords", () => {
  it("normalizes width and case, and joins thousands separators", () => {
    expect(searchWords("ＮＣＴ드림, 1,460원! OpenAI 2025.12")).toEqual(["nct드림", "1460원", "openai", "2025", "12"]);
  });

  it("keeps only letters and digits", () => {
    expect(searchWords("\" * - ( ) : ^ NEAR AND % _ ' \\ <script>")).toEqual(["near", "and", "script"]);
  });
});

describe("wordGrams and indexedGrams", () => {
  it("are a word's bigrams and its last character", () => {
    expect(wordGrams("원달러환율이")).toEqual(["원달", "달러", "러환", "환율", "율이", "이"]);
    expect(wordGrams("위")).toEqual(["위"]);
  });

  it("index each distinct word once", () => {
    expect(indexedGrams("환율 환율 AI")).toEqual(["환율", "율", "ai", "i"]);
  });
});

describe("parseSearchQuery", () => {
  it("makes a phrase of bigrams for two or more characters, a prefix for one", () => {
    expect(parseSearchQuery(" 환율  원 위고비2 ")).toEqual([
      { grams: ["환율"], prefix: false },
      { grams: ["원"], prefix: true },
      { grams: ["위고", "고비", "비2"], prefix: false },
    ]);
  });

  it("never hands on anything but letters and digits, one or two of them", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (query) => {
        for (const term of parseSearchQuery(query)) {
          for (const gram of term.grams) {
            expect(gram).toMatch(/^[\p{L}\p{N}\p{M}]{1,2}$/u);
            expect([...gram].length).toBeLessThanOrEqual(2);
          }
        }
      }),
    );
  });

  it("finds any piece of a word in that word's grams: adjacent bigrams, or a gram starting with the character", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."가나다환율ab12"), minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        (word, from, length) => {
          const chars = [...word];
          const start = from % chars.length;
          const piece = chars.slice(start, start + 1 + (length % (chars.length - start))).join("");
          const grams = indexedGrams(`앞말 ${word} 뒷말`);
          for (const term of parseSearchQuery(piece)) {
            if (term.prefix) {
              expect(grams.some((gram) => gram.startsWith(term.grams[0]))).toBe(true);
            } else {
              const at = grams.findIndex((_, i) => term.grams.every((gram, k) => grams[i + k] === gram));
              expect(at).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
    );
  });
});

describe("searchQueryProblem", () => {
  it.each([
    ["", "empty"],
    [" \t\n", "empty"],
    ["*** ---", "no-words"],
    ["가".repeat(101), "too-long"],
    [` ${"가".repeat(100)} `, null],
    ["환율", null],
  ])("%j is %s", (query, problem) => {
    expect(searchQueryProblem(query)).toBe(problem);
  });
});

describe("highlight and snippet", () => {
  it("mark the matched words in the text as written", () => {
    expect(marked(highlight("원달러환율이 1,460원, NCT드림", "환율 1460 nct"))).toBe(
      "원달러[환율]이 [1,460]원, [NCT]드림",
    );
    expect(marked(highlight("<script>alert(1)</script>", "<script>"))).toBe("<[script]>alert(1)</[script]>");
  });

  it("never change the text, only cut it", () => {
    fc.assert(
      fc.property(boardText, boardText, (text, query) => {
        expect(
          highlight(text, query)
            .map((p) => p.text)
            .join(""),
        ).toBe(text);
      }),
    );
  });

  it("cut a snippet around the first match", () => {
    const body = `${"앞부분 ".repeat(40)}여기서 환율 이야기가 나옵니다 ${"뒷부분 ".repeat(40)}`;
    const cut = marked(snippet(body, "환율"));
    expect(cut.startsWith("…")).toBe(true);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).toContain("여기서 [환율] 이야기가");
    expect(cut.length).toBeLessThan(140);
  });
});
