import { excerpt, formatCount, formatFullDate, formatListDate } from "~/lib/format";

const kst = (iso: string) => Date.parse(`${iso}+09:00`);

describe("formatListDate", () => {
  const now = kst("2025-12-19T10:30:00");

  it("shows the time for a post of today in Korean time", () => {
    expect(formatListDate(kst("2025-12-19T10:23:00"), now)).toBe("10:23");
    expect(formatListDate(kst("2025-12-19T00:05:00"), now)).toBe("00:05");
  });

  it("treats the Korean day, not the UTC day, as today", () => {
    // 2025-12-18 23:30 UTC is already 08:30 on the 19th in Korea.
    expect(formatListDate(Date.parse("2025-12-18T23:30:00Z"), now)).toBe("08:30");
    expect(formatListDate(kst("2025-12-18T23:59:00"), now)).toBe("12.18");
  });

  it("shows month and day for earlier this year", () => {
    expect(formatListDate(kst("2025-07-22T09:00:00"), now)).toBe("07.22");
  });

  it("shows a two-digit year for earlier years", () => {
    expect(formatListDate(kst("2024-12-06T12:00:00"), now)).toBe("24.12.06");
    expect(formatListDate(kst("2020-04-29T12:00:00"), now)).toBe("20.04.29");
  });
});

describe("formatFullDate", () => {
  it("formats the post date as YYYY.MM.DD HH:MM in Korean time", () => {
    expect(formatFullDate(Date.parse("2025-12-19T01:10:00Z"))).toBe("2025.12.19 10:10");
  });
});

describe("formatCount", () => {
  it("adds thousands separators", () => {
    expect(formatCount(3382)).toBe("3,382");
    expect(formatCount(34379827)).toBe("34,379,827");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(0)).toBe("0");
  });
});

describe("excerpt", () => {
  it("keeps short text whole on one line, and cuts long text by characters with an ellipsis", () => {
    expect(excerpt("  첫 줄\n\n둘째   줄 ", 60)).toBe("첫 줄 둘째 줄");
    expect(excerpt("가나다라마", 5)).toBe("가나다라마");
    expect(excerpt("가나다라마바", 5)).toBe("가나다라…");
    expect(excerpt("😀".repeat(10), 4)).toBe("😀😀😀…");
  });
});
