import { withoutNul } from "~/server/without-nul.server";

describe("withoutNul", () => {
  it("drops the zero characters a streaming render left at a buffer's end, and keeps every character whole", () => {
    expect(withoutNul("카테고리를 숨기\0\0는 중입니다")).toBe("카테고리를 숨기는 중입니다");
    expect(withoutNul("<p>마당</p>")).toBe("<p>마당</p>");
  });
});
