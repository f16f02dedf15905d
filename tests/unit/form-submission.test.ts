import { z } from "zod";
import { idField, parseForm, parseSubmission, readForm } from "~/lib/form-submission.server";
import { formFields } from "~/lib/forms";

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

describe("parseSubmission", () => {
  const schema = z.object({ username: z.string().min(3, "아이디는 3자 이상입니다."), password: z.string() });
  const form = (fields: Record<string, string>) =>
    formRequest(new URLSearchParams(fields), { "Content-Type": "application/x-www-form-urlencoded" });

  it("gives the checked data, every field as sent and the named values", async () => {
    const submission = await parseSubmission(
      form({ username: "madang", password: "비밀", redirectTo: "/a" }),
      schema,
      1000,
      ["username"],
    );
    expect(submission).toEqual({
      ok: true,
      data: { username: "madang", password: "비밀" },
      fields: { username: "madang", password: "비밀", redirectTo: "/a" },
      values: { username: "madang" },
    });
  });

  it("on a bad form gives what a 400 shows: only the named values back (never the password) and Korean messages", async () => {
    const submission = await parseSubmission(form({ username: "ab", password: "비밀" }), schema, 1000, [
      "username",
      "nickname",
    ]);
    expect(submission).toMatchObject({
      ok: false,
      values: { username: "ab", nickname: "" },
      fieldErrors: { username: "아이디는 3자 이상입니다." },
    });
    expect(JSON.stringify(submission.values)).not.toContain("비밀");
  });

  it("answers 413 for a body over the limit before checking anything", async () => {
    expect(await thrownStatus(parseSubmission(form({ username: "x".repeat(2000) }), schema, 1000))).toBe(413);
  });
});

describe("idField", () => {
  const schema = z.object({ postId: idField("올바른 글 번호가 아닙니다.") });

  it("turns a positive integer into a number", () => {
    const form = new FormData();
    form.append("postId", "42");
    expect(parseForm(schema, form)).toEqual({ ok: true, data: { postId: 42 } });
  });

  it.each(["0", "-1", "1e3", "007", "abc"])("refuses %j with its message", (value) => {
    const form = new FormData();
    form.append("postId", value);
    expect(parseForm(schema, form)).toEqual({ ok: false, fieldErrors: { postId: "올바른 글 번호가 아닙니다." } });
  });
});
