import { assertSameOrigin } from "~/lib/origin.server";

function post(headers: Record<string, string>) {
  return new Request("http://madang.test/login", { method: "POST", headers });
}

function rejection(request: Request): number | null {
  try {
    assertSameOrigin(request);
    return null;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("assertSameOrigin", () => {
  it.each<Record<string, string>>([
    { Origin: "http://madang.test" },
    { "Sec-Fetch-Site": "same-origin" },
    { "Sec-Fetch-Site": "none" },
    {},
  ])("allows %j", (headers) => {
    expect(rejection(post(headers))).toBeNull();
  });

  it.each<Record<string, string>>([
    { Origin: "https://evil.example" },
    { Origin: "http://madang.test.evil.example" },
    { Origin: "https://madang.test" },
    { Origin: "null" },
    { Origin: "https://evil.example", "Sec-Fetch-Site": "same-origin" },
    { "Sec-Fetch-Site": "cross-site" },
    { "Sec-Fetch-Site": "same-site" },
  ])("answers 403 to %j", (headers) => {
    expect(rejection(post(headers))).toBe(403);
  });
});
