// How text becomes search terms, for the index and for queries alike (docs/decisions/020-korean-search.md).
// Korean has no spaces inside words worth trusting (`원달러환율이`), so every word is indexed as its overlapping
// two-character pieces (bigrams) plus its last character alone: a term of two or more characters is the phrase of its
// bigrams, found anywhere inside a word, and a one-character term is a prefix of a bigram or that last character.

/** Queries are 1 to 100 characters once trimmed. */
export const SEARCH_QUERY_MAX_LENGTH = 100;

/** One query term as the index sees it: adjacent bigrams, or (for a single character) a prefix. */
export interface SearchTerm {
  grams: readonly string[];
  prefix: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** A thousands separator (`1,460`): dropped so that `1,460` and `1460` are one number in text and query alike. */
const DIGIT_GROUP_COMMA = /(?<=\p{N}),(?=\p{N})/gu;

function normalize(text: string): string {
  return text.toLowerCase().normalize("NFKC").replace(DIGIT_GROUP_COMMA, "");
}

/** The words of a text: runs of letters and digits, normalized (NFKC, lowercase, no thousands separators). */
export function searchWords(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

/** A word's bigrams followed by its last character. */
export function wordGrams(word: string): string[] {
  const chars = [...word];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  grams.push(chars[chars.length - 1]);
  return grams;
}

/**
 * What the index stores for a text: the grams of each distinct word, in order, separated by spaces. A word's last
 * character stands between it and the next word, so no phrase of bigrams runs from one word into another.
 */
export function indexedGrams(text: string): string[] {
  return [...new Set(searchWords(text))].flatMap(wordGrams);
}

/**
 * A query as index terms: each whitespace-separated part must match (AND), and each word within it (`1-2` holds two)
 * is a term of its own. Anything but letters and digits is dropped, so nothing typed is ever engine syntax.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const words = [...new Set(searchWords(query))];
  return words.map((word) => {
    const grams = wordGrams(word);
    return grams.length === 1 ? { grams, prefix: true } : { grams: grams.slice(0, -1), prefix: false };
  });
}

export type SearchQueryProblem = "empty" | "too-long" | "no-words";

/** Why a query cannot be searched, or null when it can. */
export function searchQueryProblem(query: string): SearchQueryProblem | null {
  const trimmed = query.trim();
  if (trimmed === "") return "empty";
  if ([...trimmed].length > SEARCH_QUERY_MAX_LENGTH) return "too-long";
  return parseSearchQuery(trimmed).length === 0 ? "no-words" : null;
}

/** A piece of displayed text, marked when it matched a query word. */
export interface TextPiece {
  text: string;
  marked: boolean;
}

/** Each character of `text` normalized on its own, with where it came from; thousands separators are left out. */
function normalizedCharacters(text: string) {
  const chars: { char: string; start: number; end: number }[] = [];
  let offset = 0;
  const original = [...text];
  original.forEach((char, i) => {
    const start = offset;
    offset += char.length;
    const between = char === "," && /\p{N}/u.test(original[i - 1] ?? "") && /\p{N}/u.test(original[i + 1] ?? "");
    if (between) return;
    for (const normalized of char.toLowerCase().normalize("NFKC")) chars.push({ char: normalized, start, end: offset });
  });
  return chars;
}

/** `text` cut into pieces, those matching any word of the query marked, for highlighting with `<mark>`. */
export function highlight(text: string, query: string): TextPiece[] {
  const words = [...new Set(searchWords(query))].map((word) => [...word]);
  const chars = normalizedCharacters(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (let i = 0; i < chars.length; i++) {
    for (const word of words) {
      if (!word.every((c, k) => chars[i + k]?.char === c)) continue;
      for (let k = chars[i].start; k < chars[i + word.length - 1].end; k++) marked[k] = true;
    }
  }
  const pieces: TextPiece[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = pieces[pieces.length - 1];
    if (last && last.marked === marked[i]) last.text += text[i];
    else pieces.push({ text: text[i], marked: marked[i] });
  }
  return pieces;
}

const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 120;

/**
 * A short piece of `text` (whitespace collapsed) around the first place a query word matched, with "…" where it was
 * cut; the opening of the text when nothing matched (a match in the title only).
 */
export function snippet(text: string, query: string): TextPiece[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const pieces = highlight(flat, query);
  let firstMatch = 0;
  for (const piece of pieces) {
    if (piece.marked) break;
    firstMatch += piece.text.length;
  }
  if (firstMatch >= flat.length) firstMatch = 0;
  const start = Math.max(0, firstMatch - SNIPPET_BEFORE);
  const end = Math.min(flat.length, start + SNIPPET_LENGTH);
  const cut = highlight(flat.slice(start, end), query);
  if (start > 0) cut.unshift({ text: "…", marked: false });
  if (end < flat.length) cut.push({ text: "…", marked: false });
  return cut;
}
