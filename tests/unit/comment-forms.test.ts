import { formToggleHref, openedForms } from "~/lib/comment-forms";
import type { ShownThread } from "~/lib/comment-threads";

interface Comment {
  id: number;
  parentId: number | null;
}

const threads: ShownThread<Comment>[] = [
  { id: 10, parentId: null, replies: [{ id: 11, parentId: 10 }] },
  { id: 20, parentId: null, replies: [] },
];
const opened = (query: string) => openedForms(new URLSearchParams(query), threads);

describe("openedForms", () => {
  it("opens the reply and report forms of comments on the page, threads and replies alike", () => {
    expect(opened("reply=11&report=20")).toEqual({ reply: 11, report: 20 });
    expect(opened("comments=40&reply=10")).toEqual({ reply: 10, report: null });
  });

  it("opens the post's report form for report=post, and no reply form", () => {
    expect(opened("report=post&reply=post")).toEqual({ reply: null, report: "post" });
  });

  it("opens nothing for a value that is not a comment on the page", () => {
    for (const value of ["", "abc", "0", "-10", "1e1", "010", "10.0", "30", "99999999999999999999", "POST", "posts"]) {
      expect({ value, opened: opened(`reply=${value}&report=${value}`) }).toEqual({
        value,
        opened: { reply: null, report: null },
      });
    }
    expect(opened("")).toEqual({ reply: null, report: null });
  });
});

describe("formToggleHref", () => {
  const page = { pathname: "/square/7", search: "?comments=40&report=11" };

  it("opens a form, keeping the page's other parameters, and lands on the given element", () => {
    expect(formToggleHref(page, "reply", "10", "comment-10")).toBe(
      "/square/7?comments=40&report=11&reply=10#comment-10",
    );
    expect(formToggleHref(page, "report", "20", "comment-20")).toBe("/square/7?comments=40&report=20#comment-20");
  });

  it("closes a form by leaving its parameter out, with a path even when no query is left", () => {
    expect(formToggleHref(page, "report", null, "comment-11")).toBe("/square/7?comments=40#comment-11");
    expect(formToggleHref({ pathname: "/square/7", search: "?report=post" }, "report", null, "x")).toBe("/square/7#x");
  });
});
