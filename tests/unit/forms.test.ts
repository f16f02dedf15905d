import { z } from "zod";
import { characterCount, formFields, parseForm, readForm, safeRedirectPath } from "~/lib/forms";

function formRequest(body: BodyInit, headers: Record<string, string> = {}) {
  return new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(thrown instanceof Response)) throw new Error("expected a thrown Response");
  return thrown.status;
}

describe("readForm", () => {
  it("reads a urlencoded form", async () => {
    const form = await readForm(formRequest(new URLSearchParams({ a: "1", b: "둘" })), 1000);
    expect(formFields(form)).toEqual({ a: "1", b: "둘" });
  });

  it("answers 413 when Content-Length is over the limit", async () => {
    const request = formRequest("a=1", {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": "5000",
    });
    expect(await thrownStatus(readForm(request, 1000))).toBe(413);
  });

  it("answers 413 when the body itself is over the limit, whatever the headers say", async () => {
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`a=${"x".repeat(600)}`));
        controller.enqueue(new TextEncoder().encode("x".repeat(600)));
        controller.close();
      },
    });
    const request = formRequest(chunked, { "Content-Type": "application/x-www-form-urlencoded" });
    expect(await thrownStatus(readForm(request, 1000))).toBe(413);
  });

  it("gives an empty form for JSON, a missing body or a broken multipart body", async () => {
    const json = formRequest('{"a":1}', { "Content-Type": "application/json" });
    const empty = new Request("http://localhost/x", { method: "POST" });
    const brokenMultipart = formRequest("garbage", { "Content-Type": "multipart/form-data; boundary=zzz" });
    for (const request of [json, empty, brokenMultipart]) {
      expect([...(await readForm(request, 1000)).keys()]).toEqual([]);
    }
  });
});

describe("formFields", () => {
  it("keeps the first text value of a repeated field and ignores files", () => {
    const form = new FormData();
    form.append("name", "first");
    form.append("name", "second");
    form.append("upload", new Blob(["x"]), "x.txt");
    expect(formFields(form)).toEqual({ name: "first" });
  });
});

describe("parseForm", () => {
  const schema = z.object({ title: z.string().min(2, "제목은 2자 이상입니다."), body: z.string().max(3) });

  it("returns the parsed data", () => {
    const form = new FormData();
    form.append("title", "안녕");
    form.append("body", "abc");
    expect(parseForm(schema, form)).toEqual({ ok: true, data: { title: "안녕", body: "abc" } });
  });

  it("gives one Korean message per field, preferring the schema's own", () => {
    const form = new FormData();
    form.append("title", "x");
    form.append("body", "abcd");
    expect(parseForm(schema, form)).toEqual({
      ok: false,
      fieldErrors: { title: "제목은 2자 이상입니다.", body: "3자 이하로 입력해 주세요." },
    });
  });

  it("reports missing fields in Korean", () => {
    expect(parseForm(schema, new FormData())).toEqual({
      ok: false,
      fieldErrors: { title: "입력해 주세요.", body: "입력해 주세요." },
    });
  });
});

describe("characterCount", () => {
  it("counts an emoji or a Hangul syllable as one character", () => {
    expect(characterCount("😀가a")).toBe(3);
  });
});

describe("safeRedirectPath", () => {
  it.each(["/", "/free/12?page=2", "/free#comments"])("accepts the same-site path %s", (path) => {
    expect(safeRedirectPath(path, "/")).toBe(path);
  });

  it("percent-encodes non-ASCII paths so they fit in a Location header", () => {
    expect(safeRedirectPath("/검색?q=마당", "/")).toBe("/%EA%B2%80%EC%83%89?q=%EB%A7%88%EB%8B%B9");
  });

  it.each([
    "//evil.com",
    "/\\evil.com",
    "https://evil.com",
    "evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "javascript:alert(1)",
    "",
  ])("rejects %j", (value) => {
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });

  it("rejects what is not a string", () => {
    expect(safeRedirectPath(null, "/")).toBe("/");
    expect(safeRedirectPath(["/a"], "/")).toBe("/");
  });
});
