import { parseForm } from "~/lib/form-submission.server";
import { BODY_MAX_BYTES, COMMENT_MAX_LENGTH, TITLE_MAX_LENGTH } from "~/lib/input-limits";
import { commentSchema, postSchema } from "~/lib/post-schemas.server";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const good = { category: "news", title: "제목", body: "본문" };

describe("postSchema", () => {
  it("accepts a good post and trims the title but not the body", () => {
    expect(parseForm(postSchema, form({ ...good, title: "  제목  ", body: "  본문\n" }))).toEqual({
      ok: true,
      data: { category: "news", title: "제목", body: "  본문\n" },
    });
  });

  it.each([
    ["category", { category: "" }, "카테고리를 골라 주세요."],
    ["title", { title: "" }, "제목을 입력해 주세요."],
    ["title", { title: " \t " }, "제목을 입력해 주세요."],
    ["title", { title: "a".repeat(TITLE_MAX_LENGTH + 1) }, "제목은 200자 이하로 입력해 주세요."],
    ["body", { body: "" }, "본문을 입력해 주세요."],
    ["body", { body: " \n\t" }, "본문을 입력해 주세요."],
    ["body", { body: "a".repeat(BODY_MAX_BYTES + 1) }, "본문은 64KB 이하로 입력해 주세요."],
    ["body", { body: "가".repeat(BODY_MAX_BYTES / 2) }, "본문은 64KB 이하로 입력해 주세요."],
  ])("refuses a bad %s with a Korean message", (field, change, message) => {
    expect(parseForm(postSchema, form({ ...good, ...change }))).toEqual({
      ok: false,
      fieldErrors: { [field]: message },
    });
  });

  it("counts the title in characters and the body in UTF-8 bytes", () => {
    expect(parseForm(postSchema, form({ ...good, title: "👍".repeat(TITLE_MAX_LENGTH) })).ok).toBe(true);
    expect(parseForm(postSchema, form({ ...good, title: " " + "가".repeat(TITLE_MAX_LENGTH) + " " })).ok).toBe(true);
    expect(parseForm(postSchema, form({ ...good, body: "a".repeat(BODY_MAX_BYTES) })).ok).toBe(true);
    expect(parseForm(postSchema, form({ ...good, body: "가".repeat(BODY_MAX_BYTES / 4) })).ok).toBe(true);
  });

  it("reports every missing field of an empty form", () => {
    const result = parseForm(postSchema, new FormData());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["body", "category", "title"]);
  });
});

describe("commentSchema", () => {
  it("trims the body and reads parentId as a number or null", () => {
    expect(parseForm(commentSchema, form({ body: "  댓글  " }))).toEqual({
      ok: true,
      data: { body: "댓글", parentId: null },
    });
    expect(parseForm(commentSchema, form({ body: "답글", parentId: "" }))).toEqual({
      ok: true,
      data: { body: "답글", parentId: null },
    });
    expect(parseForm(commentSchema, form({ body: "답글", parentId: "42" }))).toEqual({
      ok: true,
      data: { body: "답글", parentId: 42 },
    });
  });

  it("allows 2000 characters, counted as people see them, and refuses 2001", () => {
    expect(parseForm(commentSchema, form({ body: "😀".repeat(COMMENT_MAX_LENGTH) })).ok).toBe(true);
    expect(parseForm(commentSchema, form({ body: "가".repeat(COMMENT_MAX_LENGTH + 1) }))).toEqual({
      ok: false,
      fieldErrors: { body: "댓글은 2000자 이하로 입력해 주세요." },
    });
  });

  it.each(["", "   "])("refuses the empty comment %j", (body) => {
    expect(parseForm(commentSchema, form({ body }))).toEqual({
      ok: false,
      fieldErrors: { body: "댓글 내용을 입력해 주세요." },
    });
  });

  it.each(["abc", "0", "-3", "2.5", "1e400", "9007199254740993"])("refuses the parentId %j", (parentId) => {
    expect(parseForm(commentSchema, form({ body: "답글", parentId }))).toEqual({
      ok: false,
      fieldErrors: { parentId: "답글을 달 댓글이 올바르지 않습니다." },
    });
  });
});
