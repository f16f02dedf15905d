import { stripInvisibleCharacters } from "~/lib/invisible-characters";

describe("stripInvisibleCharacters", () => {
  it.each([
    ["zero-width space", "마\u200B당"],
    ["zero-width non-joiner", "마\u200C당"],
    ["left-to-right and right-to-left marks", "마\u200E\u200F당"],
    ["embeddings and overrides", "마\u202A\u202B\u202C\u202D\u202E당"],
    ["word joiner and invisible operators", "마\u2060\u2061\u2062\u2063\u2064당"],
    ["isolates", "마\u2066\u2067\u2068\u2069당"],
    ["byte order mark", "\uFEFF마당"],
    ["Hangul fillers", "마\u3164\u115F\u1160\uFFA0당"],
    ["Mongolian vowel separator", "마\u180E당"],
    ["soft hyphen", "마\u00AD당"],
    ["Arabic letter mark", "마\u061C당"],
    ["braille blank", "마\u2800당"],
    ["tag characters", "마\u{E0041}\u{E0042}당"],
    ["a stray zero-width joiner", "마\u200D당"],
  ])("drops the %s", (_name, text) => {
    expect(stripInvisibleCharacters(text)).toBe("마당");
  });

  it("keeps a title reversed by U+202E readable in order", () => {
    expect(stripInvisibleCharacters("사진\u202Egpj.exe")).toBe("사진gpj.exe");
  });

  it.each(["👩‍💻", "👨‍👩‍👧", "👩🏽‍💻", "❤️‍🔥", "🏳️‍🌈"])("keeps the joiner inside the emoji %s", (emoji) => {
    expect(stripInvisibleCharacters(emoji)).toBe(emoji);
  });

  it("keeps ordinary text, spaces, newlines and Markdown as they are", () => {
    const text = "# 제목\n\n- 하나 **굵게**\n\t들여쓰기  두 칸 😀 ↩︎ café";
    expect(stripInvisibleCharacters(text)).toBe(text);
  });
});
