import {
  cookieExclusions,
  EXCLUDE_COOKIE,
  exclusionCookie,
  MAX_EXCLUDED_SLUGS,
  parseExcludedSlugs,
} from "~/lib/exclusion-cookie";

const withCookie = (cookie: string) => new Request("http://localhost/square", { headers: { Cookie: cookie } });

describe("parseExcludedSlugs", () => {
  it("keeps only slug-shaped, distinct values", () => {
    expect(parseExcludedSlugs("politics, news,politics,,DROP TABLE,a_b,한글")).toEqual(["politics", "news"]);
  });

  it(`keeps at most ${MAX_EXCLUDED_SLUGS}`, () => {
    const many = Array.from({ length: MAX_EXCLUDED_SLUGS + 5 }, (_, i) => `c${i}`).join(",");
    expect(parseExcludedSlugs(many)).toHaveLength(MAX_EXCLUDED_SLUGS);
  });
});

describe("exclusion cookie", () => {
  it("reads back what it stores", () => {
    const setCookie = exclusionCookie(["politics", "news"], { secure: false });
    const pair = setCookie.split(";")[0];
    expect(cookieExclusions(withCookie(`other=1; ${pair}`))).toEqual(["politics", "news"]);
  });

  it("is long-lived, HttpOnly and Lax, Secure when asked, and clears itself when nothing is excluded", () => {
    expect(exclusionCookie(["politics"], { secure: false })).toBe(
      "madang_exclude=politics; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
    );
    expect(exclusionCookie([], { secure: false })).toContain(`${EXCLUDE_COOKIE}=; Path=/; Max-Age=0`);
    expect(exclusionCookie(["politics"], { secure: true })).toMatch(/; Secure$/);
  });

  it("reads no exclusions from a missing or malformed cookie rather than failing", () => {
    expect(cookieExclusions(new Request("http://localhost/"))).toEqual([]);
    expect(cookieExclusions(withCookie(`${EXCLUDE_COOKIE}=%E0%A4%A`))).toEqual([]);
    expect(cookieExclusions(withCookie(`${EXCLUDE_COOKIE}=politics%2C%3Cscript%3E`))).toEqual(["politics"]);
  });
});
