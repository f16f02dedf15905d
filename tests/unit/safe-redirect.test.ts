import { safeRedirectPath } from "~/lib/safe-redirect";

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
