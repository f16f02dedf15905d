import fc from "fast-check";
import { mentionsInternals } from "./verdict";

/** Things that exist in the database at the time a case runs, which a value can name (see World). */
export type RefKind = "board" | "post" | "boardOfPost" | "comment" | "category" | "categoryId" | "username";

/**
 * One value the fuzzer sends. Strings are sent as they are (percent-encoded where the place needs it); the other
 * kinds keep counterexamples short and readable and are made into text only when the request is built.
 */
export type FuzzValue =
  | string
  /** The `pick`-th existing thing of this kind (modulo how many there are), read from the database per case. */
  | { ref: RefKind; pick: number }
  /** `text` repeated: huge values near and over the limits, and Markdown nesting. */
  | { repeat: string; times: number }
  /** Put into the URL or a urlencoded body exactly as written, never percent-encoded: broken escapes. */
  | { raw: string }
  /** A file upload where text is expected (multipart); elsewhere its content. */
  | { file: string }
  /** A non-string in a JSON body (number, array, object, null); elsewhere its JSON text. */
  | { json: fc.JsonValue };

/** The names a case's references resolve to: ids as text, newest first; `boardOfPost[i]` is the board of `post[i]`. */
export type World = Record<RefKind, string[]>;

export function textOf(value: FuzzValue, world: World): string {
  if (typeof value === "string") return value;
  if ("ref" in value) {
    const known = world[value.ref];
    return known.length > 0 ? known[value.pick % known.length] : "1";
  }
  if ("repeat" in value) return value.repeat.repeat(value.times);
  if ("raw" in value) return value.raw;
  if ("file" in value) return value.file;
  return JSON.stringify(value.json) ?? "";
}

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const controlChar = fc.oneof(char(0, 0x1f), fc.constantFrom("\u007f", "\u0085", "\u2028", "\u2029"));
/** Zero-width, filler and direction-changing characters (issue 10, item 8). */
const invisibleChar = fc.constantFrom(
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u3164",
  "\u115f",
  "\u202e",
  "\u202d",
  "\u2066",
  "\u00ad",
  "\u034f",
);

const DICTIONARY = [
  "",
  " ",
  "\u0000",
  "\r\n",
  "\ud800",
  "\udfff",
  "e\u0301",
  "🏳️‍🌈",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "[object Object]",
  ".",
  "..",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "'; drop table users; --",
  "%",
  "%%",
  "%00",
  "%zz",
  "&",
  "=",
  "+",
  "\\",
  "\\[",
  "\\\u0001",
  "/.//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example",
  "admin",
  "운영자",
];

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.double().map(String), // NaN, Infinity, -0, 1e308, 5e-324
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.nat().map((n) => `0x${n.toString(16)}`),
  fc.constantFrom("1e3", "1e308", "-1e308", "007", "+1", "1.0", " 1", "1 ", "１", "٣", "9007199254740993", "NaN"),
);

/**
 * Lengths just under, at and over the app's limits (100-character searches, 200-character titles, 2,000-character
 * comments, 4 KiB and 32 KiB forms, 64 KiB bodies, 256 KiB forms), and 1 MB. A URL gets less: Node refuses
 * request heads over 16 KiB before any app code runs.
 */
const BODY_LENGTHS = [
  199,
  200,
  201,
  1000,
  1999,
  2000,
  2001,
  4097,
  10_000,
  30_000,
  32_769,
  65_535,
  65_536,
  65_537,
  262_145,
  1 << 20,
];
const URL_LENGTHS = [99, 100, 101, 199, 200, 201, 1000, 2001, 4097];
const huge = (lengths: number[]) =>
  fc.record({
    repeat: fc.constantFrom("a", "가", "😀", " ", "\u200b", "%", "&", "a=b&"),
    times: fc.constantFrom(...lengths),
  });
/** Nesting and emphasis that are costly to render: lists, quotes, emphasis runs, links, code fences, HTML. */
const markdownBomb = fc.record({
  repeat: fc.constantFrom(
    "* ",
    ">",
    "> ",
    "- ",
    "1. ",
    "*a",
    "_a",
    "**",
    "[",
    "[a](",
    "![",
    "`",
    "```\n",
    "<div>",
    "  ",
  ),
  times: fc.constantFrom(10, 100, 1000, 10_000, 30_000),
});
const brokenEscape = fc.oneof(
  fc
    .constantFrom("%", "%2", "%zz", "%E0%A4%A", "%C0%AF", "%ED%A0%80", "%FF", "%00", "a%", "%%20")
    .map((raw) => ({ raw })),
  fc
    .string({ unit: "binary-ascii" })
    .filter((text) => !mentionsInternals(text))
    .map((raw) => ({ raw })),
);

/** Text the app never expects: any Unicode, raw code points, controls, invisibles, numbers, dictionary words. */
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", size: "medium" }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite" }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(controlChar, invisibleChar, char(0x20, 0x7e)) }) },
  { weight: 3, arbitrary: fc.constantFrom(...DICTIONARY) },
  { weight: 2, arbitrary: numberText },
);

/** Where a value goes: a form body takes megabytes, a URL (path or query) far less. */
export type Place = "body" | "url";

/** Any value in any of the fuzzer's forms, none of them mentioning what verdict.ts looks for in a response. */
export function hostileValue(place: Place): fc.Arbitrary<FuzzValue> {
  return fc.oneof(
    { weight: 8, arbitrary: hostileText.filter((text) => !mentionsInternals(text)) },
    { weight: 1, arbitrary: huge(place === "body" ? BODY_LENGTHS : URL_LENGTHS) },
    { weight: place === "body" ? 1 : 0, arbitrary: markdownBomb },
    { weight: 1, arbitrary: brokenEscape },
    { weight: place === "body" ? 1 : 0, arbitrary: fc.string().map((file) => ({ file })) },
    {
      weight: place === "body" ? 1 : 0,
      arbitrary: fc
        .jsonValue({ maxDepth: 3 })
        .filter((json) => !mentionsInternals(JSON.stringify(json) ?? ""))
        .map((json) => ({ json })),
    },
  );
}

/** The fuzz members' password, so some logins and password changes succeed and go on past the check. */
export const MEMBER_PASSWORD = "correct horse battery";
const password = fc.oneof(fc.constant(MEMBER_PASSWORD), fc.string({ minLength: 8, maxLength: 40 }));

const ref = (kind: RefKind) => fc.nat().map((pick): FuzzValue => ({ ref: kind, pick }));
const idText = fc.oneof(fc.integer({ min: 1, max: 200 }).map(String), numberText);
const CHECKBOX = fc.constantFrom("on", "", "1", "0", "false");

/** Well-formed or nearly well-formed values for the fields the app knows, so cases get past the first check. */
const PLAUSIBLE: Record<string, fc.Arbitrary<FuzzValue>> = {
  board: fc.oneof(ref("board"), fc.stringMatching(/^[a-z0-9-]{1,31}$/)),
  slug: fc.oneof(ref("board"), ref("category"), fc.stringMatching(/^[a-z0-9-]{1,31}$/)),
  postId: fc.oneof(ref("post"), idText),
  since: fc.oneof(ref("comment"), idText),
  after: fc.oneof(ref("comment"), idText),
  commentId: fc.oneof(ref("comment"), idText),
  parentId: fc.oneof(ref("comment"), idText, fc.constant("")),
  categoryId: fc.oneof(ref("categoryId"), idText),
  category: ref("category"),
  exclude: fc.oneof(
    ref("category"),
    fc.array(fc.stringMatching(/^[a-z0-9-]{1,30}$/), { maxLength: 25 }).map((s) => s.join(",")),
  ),
  page: fc.oneof(fc.integer({ min: -2, max: 50 }).map(String), numberText),
  comments: fc.oneof(fc.integer({ min: -2, max: 6000 }).map(String), numberText),
  notices: fc.constantFrom("all", "ALL", ""),
  position: fc.oneof(fc.integer({ min: -5, max: 1200 }).map(String), numberText),
  isAnonymous: CHECKBOX,
  adminOnly: CHECKBOX,
  scope: fc.constantFrom("board", "global", "none", ""),
  direction: fc.constantFrom("up", "down", "left"),
  redirectTo: fc.constantFrom(
    "/",
    "/free",
    "/free/1?page=2",
    "/.//evil.example",
    "/%2e//evil.example",
    "//evil.example",
    "https://evil.example",
  ),
  username: fc.oneof(ref("username"), fc.stringMatching(/^[a-z0-9_]{3,20}$/)),
  days: fc.constantFrom("1", "3", "7", "30", "permanent", "0", "-1", "36500", "1e9", ""),
  reason: fc.string({ unit: "grapheme", maxLength: 220 }),
  password,
  currentPassword: password,
  newPassword: password,
  title: fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  body: fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }), markdownBomb),
  memo: fc.string({ unit: "grapheme", maxLength: 220 }),
  q: fc.string({ unit: "grapheme", maxLength: 120 }),
};

/** A value for the field or parameter `name`: more often plausible for it than hostile. */
export function valueFor(name: string, place: Place): fc.Arbitrary<FuzzValue> {
  const likely = PLAUSIBLE[name]?.filter((value) => typeof value !== "string" || !mentionsInternals(value));
  return likely
    ? fc.oneof({ weight: 3, arbitrary: likely }, { weight: 2, arbitrary: hostileValue(place) })
    : hostileValue(place);
}

/** Usually one value, sometimes the field repeated. */
export function valuesFor(name: string, place: Place): fc.Arbitrary<FuzzValue[]> {
  const one = valueFor(name, place);
  return fc.oneof(
    { weight: 6, arbitrary: one.map((value) => [value]) },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 4 }) },
  );
}

/** Names the app does not read, some of them special to JavaScript objects or to Remix. */
export const unknownName = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "_data",
    "_method",
    "intent",
    "index",
    "_routes",
    "id",
    "a[]",
    "a[b]",
    "",
  ),
  fc.string({ unit: "grapheme", maxLength: 12 }).filter((name) => !mentionsInternals(name)),
);
