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
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/.%5C/evil.example",
    "/./\\evil.example",
    "/a/..//evil.example",
    "/a/../..//evil.example",
    "/%2e%2e/%2e%2e//evil.example",
    "/%2F/evil.example",
    "/%5C/evil.example",
    "/.%2f/evil.example",
    "/./%5c/evil.example",
    "/\\/evil.example",
    "/%",
    "http://madang.invalid//evil.example",
    "///evil.example",
  ])("rejects %j", (value) => {
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });

  it("returns the normalized path, never the raw value", () => {
    expect(safeRedirectPath("/a/./b/../c?x=1#y", "/")).toBe("/a/c?x=1#y");
    expect(safeRedirectPath("/./free", "/")).toBe("/free");
    expect(safeRedirectPath("/../free", "/")).toBe("/free");
  });

  it("rejects what is not a string", () => {
    expect(safeRedirectPath(null, "/")).toBe("/");
    expect(safeRedirectPath(["/a"], "/")).toBe("/");
  });
});
