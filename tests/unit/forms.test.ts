import { characterCount, formFields } from "~/lib/forms";

describe("formFields", () => {
  it("keeps the first text value of a repeated field and ignores files", () => {
    const form = new FormData();
    form.append("name", "first");
    form.append("name", "second");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formFields(form)).toEqual({ name: "first" });
  });
});

describe("characterCount", () => {
  it("counts an emoji or a Hangul syllable as one character", () => {
    expect(characterCount("😀가a")).toBe(3);
  });
});
