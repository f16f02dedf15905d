/**
 * Characters that draw nothing or turn the text around them: zero-width spaces and joiners, direction marks,
 * embeddings, overrides and isolates (U+202E shows "txt.exe" as "exe.txt"), word joiners and invisible operators, the
 * byte order mark, the soft hyphen, the Hangul fillers that pass for a blank name or title, and tag characters that
 * smuggle hidden text. None belongs in what members write; stripping them leaves every visible character.
 */
// Written as escapes, one code point each: the combining ones among them (U+034F, U+17B4) match alone, as intended.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u2800\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]|[\u{1D173}-\u{1D17A}]/gu;

// U+200D joins emoji into one (👩‍💻, 👨‍👩‍👧), so it stays between two emoji and goes everywhere else.
const STRAY_ZERO_WIDTH_JOINER =
  /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/** The text without invisible and direction-changing characters. */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, "").replace(STRAY_ZERO_WIDTH_JOINER, "");
}
