import { characterCount, formFields } from "~/lib/forms";

describe("formFields", () => {
  it("keeps the first text value of a repeated field and ignores files", () => {
    const form = new FormData();
    form.append("name", "first");
    form.append("name", "second");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formFields(form)).toEqual({ name: "first" });
  });

  it("drops NUL characters, which PostgreSQL cannot store in text", () => {
    const form = new FormData();
    form.append("title", "\0제목\0입니다");
    expect(formFields(form)).toEqual({ title: "제목입니다" });
  });
});

describe("characterCount", () => {
  it("counts an emoji or a Hangul syllable as one character", () => {
    expect(characterCount("😀가a")).toBe(3);
  });
});
