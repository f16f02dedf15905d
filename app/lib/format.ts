const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

function kstParts(epochMs: number) {
  const d = new Date(epochMs + KST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The board list's date column, in Korean time: HH:MM today, MM.DD this year, YY.MM.DD before. */
export function formatListDate(epochMs: number, nowMs: number): string {
  const t = kstParts(epochMs);
  const now = kstParts(nowMs);
  if (t.year === now.year && t.month === now.month && t.day === now.day) return `${pad2(t.hour)}:${pad2(t.minute)}`;
  if (t.year === now.year) return `${pad2(t.month)}.${pad2(t.day)}`;
  return `${pad2(t.year % 100)}.${pad2(t.month)}.${pad2(t.day)}`;
}

/** A post's full date in Korean time: YYYY.MM.DD HH:MM. */
export function formatFullDate(epochMs: number): string {
  const t = kstParts(epochMs);
  return `${t.year}.${pad2(t.month)}.${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}`;
}

/** ISO string for <time dateTime>, so machines read the exact moment. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Counts with thousands separators, the same on server and client whatever their locale. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Text on one line, cut to `maxCharacters` characters (code points, never half an emoji) with "…" when cut. */
export function excerpt(text: string, maxCharacters: number): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  return characters.length <= maxCharacters
    ? characters.join("")
    : `${characters.slice(0, maxCharacters - 1).join("")}…`;
}
