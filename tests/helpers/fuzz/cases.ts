import fc from "fast-check";
import { DEVICE_COOKIE } from "~/auth/known-devices.server";
import { SESSION_COOKIE_NAME } from "~/auth/lucia.server";
import { EXCLUDE_COOKIE } from "~/lib/exclusion-cookie";
import { READER_COOKIE } from "~/models/views.server";
import { ROUTE_FILES, ROUTE_INPUTS, routePattern, type RouteInputs } from "./routes";
import {
  hostileValue,
  textOf,
  unknownName,
  valueFor,
  valuesFor,
  type FuzzValue,
  type Place,
  type World,
} from "./values";

export type Role = "visitor" | "member" | "admin";

/** Addresses the in-process tier hands to the app as the peer's; few, so the login throttle kicks in. */
const CLIENT_ADDRESSES = [undefined, "198.51.100.7", "198.51.100.8", "2001:db8::1", ""];

/** Places Remix answers itself, fuzzed alongside the app's routes: its route-discovery manifest and paths no route matches. */
const REMIX_TARGETS: Record<string, RouteInputs & { pattern: string }> = {
  "(manifest)": { pattern: "/__manifest", query: ["p", "version"], forms: null },
  "(unmatched)": { pattern: "/:a/:b/:c/:d", query: [], forms: null },
};

const BODY_KINDS = ["urlencoded", "multipart", "json", "text", "none", "unescaped", "mislabeled"] as const;
type BodyKind = (typeof BODY_KINDS)[number];
const ORIGINS = ["same", "absent", "cross", "null", "cross-site fetch"] as const;

const MISLABELS = [
  "application/x-www-form-urlencoded; charset=utf-16le",
  "APPLICATION/X-WWW-FORM-URLENCODED",
  "multipart/form-data",
  "multipart/form-data; boundary=nothing-like-it",
  "application/json",
  "text/html",
  "",
];

/** One hostile request, before it is made concrete against the database (references) and a session (role). */
export interface FuzzCase {
  /** A route id of app/routes, or one of REMIX_TARGETS. */
  target: string;
  role: Role;
  method: string;
  /** The values of the pattern's `:params`, in order. */
  params: FuzzValue[];
  /** A page, Remix's single-fetch data request (`.data`), or the older `?_data=`. */
  variant: "document" | "single-fetch" | "_data";
  query: [string, FuzzValue[]][];
  fields: [string, FuzzValue[]][];
  body: BodyKind;
  mislabel: string;
  origin: (typeof ORIGINS)[number];
  cookies: [string, FuzzValue][];
  userAgent: "browser" | "bot" | "none";
  clientAddress: string | undefined;
}

function inputsOf(target: string): RouteInputs & { pattern: string } {
  return REMIX_TARGETS[target] ?? { ...ROUTE_INPUTS[target], pattern: routePattern(target) };
}

function namedValues(names: readonly string[], place: Place): fc.Arbitrary<[string, FuzzValue[]][]> {
  const known = fc
    .oneof({ weight: 3, arbitrary: fc.constant([...names]) }, { weight: 2, arbitrary: fc.subarray([...names]) })
    .chain((chosen) =>
      fc.tuple(...chosen.map((name) => valuesFor(name, place).map((values): [string, FuzzValue[]] => [name, values]))),
    );
  const unknown = fc.array(fc.tuple(unknownName, fc.array(hostileValue(place), { minLength: 1, maxLength: 2 })), {
    maxLength: 2,
  });
  return fc.tuple(known, unknown).map(([a, b]) => [...a, ...b]);
}

/** A form for one of the route's intents (its `intent` field usually right), or random fields where there is no action. */
function formFieldsOf(forms: RouteInputs["forms"]): fc.Arbitrary<[string, FuzzValue[]][]> {
  if (!forms) return namedValues([], "body");
  return fc.constantFrom(...Object.keys(forms)).chain((intent) => {
    const intentField = fc.oneof(
      { weight: 5, arbitrary: fc.constant(intent === "" ? [] : [["intent", [intent]] as [string, FuzzValue[]]]) },
      {
        weight: 1,
        arbitrary: valuesFor("intent", "body").map((values) => [["intent", values] as [string, FuzzValue[]]]),
      },
    );
    return fc.tuple(intentField, namedValues(forms[intent], "body")).map(([a, b]) => [...a, ...b]);
  });
}

/** A path's parameters; a post's address is often its real one, board and id of the same post. */
function paramsOf(names: string[]): fc.Arbitrary<FuzzValue[]> {
  const independent = fc.tuple(...names.map((name) => valueFor(name, "url")));
  if (names[0] !== "board" || names[1] !== "postId") return independent;
  const samePost = fc
    .tuple(fc.nat(), fc.tuple(...names.slice(2).map((name) => valueFor(name, "url"))))
    .map(([pick, rest]): FuzzValue[] => [{ ref: "boardOfPost", pick }, { ref: "post", pick }, ...rest]);
  return fc.oneof(samePost, independent);
}

const cookieText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((c) => c !== 0x7f)
    .map((c) => String.fromCharCode(c)),
});
const cookie = fc.tuple(
  fc.oneof(
    fc.constantFrom(SESSION_COOKIE_NAME, READER_COOKIE, EXCLUDE_COOKIE, DEVICE_COOKIE),
    fc.stringMatching(/^[a-z_]{1,10}$/),
  ),
  fc.oneof(
    cookieText,
    valueFor("exclude", "url"),
    fc.stringMatching(/^[a-z0-9]{10,40}$/),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  ),
);

function caseFor(target: string): fc.Arbitrary<FuzzCase> {
  const { pattern, query, forms } = inputsOf(target);
  const params = pattern.split("/").filter((segment) => segment.startsWith(":"));
  const otherMethods = fc.constantFrom("PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  const method = forms
    ? fc.oneof(
        { weight: 7, arbitrary: fc.constant("POST") },
        { weight: 2, arbitrary: fc.constant("GET") },
        otherMethods,
      )
    : fc.oneof({ weight: 7, arbitrary: fc.constant("GET") }, fc.constant("HEAD"), fc.constant("POST"), otherMethods);
  return fc.record({
    target: fc.constant(target),
    role: fc.constantFrom<Role>("visitor", "member", "admin"),
    method,
    params: paramsOf(params.map((param) => param.slice(1))),
    variant: fc.oneof(
      { weight: 4, arbitrary: fc.constant("document" as const) },
      { weight: 2, arbitrary: fc.constant("single-fetch" as const) },
      { weight: 1, arbitrary: fc.constant("_data" as const) },
    ),
    query: namedValues(query, "url"),
    fields: formFieldsOf(forms),
    body: fc.oneof({ weight: 6, arbitrary: fc.constant("urlencoded" as const) }, fc.constantFrom(...BODY_KINDS)),
    mislabel: fc.constantFrom(...MISLABELS),
    origin: fc.oneof({ weight: 8, arbitrary: fc.constant("same" as const) }, fc.constantFrom(...ORIGINS)),
    cookies: fc.array(cookie, { maxLength: 3 }),
    userAgent: fc.constantFrom("browser", "browser", "bot", "none"),
    clientAddress: fc.constantFrom(...CLIENT_ADDRESSES),
  });
}

/** Every route of app/routes and Remix's own targets; the route table must cover app/routes (see ROUTE_INPUTS). */
export const FUZZ_TARGETS = [...Object.keys(ROUTE_FILES), ...Object.keys(REMIX_TARGETS)];

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.constantFrom(...FUZZ_TARGETS).chain(caseFor);

/** A request as bytes on the wire would carry it: the in-process tier makes a Request of it, the HTTP tier writes it. */
export interface RequestParts {
  method: string;
  /** The path and query, as sent (percent-encoding included). */
  target: string;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer> | null;
}

/** Header values are bytes: anything else a browser would have percent-encoded. */
function headerText(text: string): string {
  return text.replace(/[^\x20-\x7e\x80-\xff]/gu, (c) => encode(c));
}

/** Lone surrogates become U+FFFD, as a browser would send them; encodeURIComponent throws on them. */
function encode(text: string): string {
  return encodeURIComponent(Buffer.from(text, "utf8").toString("utf8"));
}

function urlText(value: FuzzValue, world: World): string {
  return typeof value === "object" && "raw" in value ? value.raw : encode(textOf(value, world));
}

function pairsText(pairs: [string, FuzzValue[]][], world: World, unescaped = false): string {
  return pairs
    .flatMap(([name, values]) =>
      values.map((value) =>
        unescaped ? `${name}=${textOf(value, world)}` : `${encode(name)}=${urlText(value, world)}`,
      ),
    )
    .join("&");
}

function jsonOf(value: FuzzValue, world: World): fc.JsonValue {
  return typeof value === "object" && "json" in value ? value.json : textOf(value, world);
}

async function bodyOf(
  c: FuzzCase,
  world: World,
): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string | null } | null> {
  const bytes = (text: string) => new TextEncoder().encode(text);
  switch (c.body) {
    case "none":
      return null;
    case "urlencoded":
      return { body: bytes(pairsText(c.fields, world)), contentType: "application/x-www-form-urlencoded" };
    case "unescaped":
      return { body: bytes(pairsText(c.fields, world, true)), contentType: "application/x-www-form-urlencoded" };
    case "mislabeled":
      return { body: bytes(pairsText(c.fields, world)), contentType: c.mislabel || null };
    case "text":
      return {
        body: bytes(c.fields.flatMap(([n, vs]) => vs.map((v) => `${n}=${textOf(v, world)}\r\n`)).join("")),
        contentType: "text/plain",
      };
    case "json": {
      const object = Object.fromEntries(
        c.fields.map(([n, vs]) => [n, vs.length === 1 ? jsonOf(vs[0], world) : vs.map((v) => jsonOf(v, world))]),
      );
      return { body: bytes(JSON.stringify(object)), contentType: "application/json" };
    }
    case "multipart": {
      const form = new FormData();
      for (const [name, values] of c.fields) {
        for (const value of values) {
          if (typeof value === "object" && "file" in value) form.append(name, new File([value.file], "upload.txt"));
          else form.append(name, textOf(value, world));
        }
      }
      const response = new Response(form);
      return { body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get("Content-Type") };
    }
  }
}

function pathOf(c: FuzzCase, world: World): string {
  const { pattern } = inputsOf(c.target);
  const values = [...c.params];
  const path = pattern.replace(/:\w+/g, () => urlText(values.shift() ?? "", world));
  if (c.variant !== "single-fetch") return path;
  return path === "/" ? "/_root.data" : `${path}.data`;
}

/**
 * The request a case makes: `origin` is the server's own (for the Origin header), `session` the role's session
 * cookie ("name=value"), if any.
 */
export async function requestPartsOf(
  c: FuzzCase,
  world: World,
  origin: string,
  session: string | null,
): Promise<RequestParts> {
  const query = pairsText(c.query, world);
  const dataQuery = c.variant === "_data" ? `_data=${encode(c.target)}` : "";
  const search = [query, dataQuery].filter(Boolean).join("&");
  const target = `${pathOf(c, world)}${search ? `?${search}` : ""}`;
  const headers: [string, string][] = [];
  const cookies = c.cookies.map(([name, value]) => `${name}=${headerText(textOf(value, world))}`);
  if (session) cookies.unshift(session);
  if (cookies.length > 0) headers.push(["Cookie", cookies.join("; ")]);
  if (c.userAgent !== "none") {
    headers.push([
      "User-Agent",
      c.userAgent === "bot"
        ? "Googlebot/2.1 (+http://www.google.com/bot.html)"
        : "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36",
    ]);
  }
  const hasBody = c.method !== "GET" && c.method !== "HEAD";
  if (hasBody) {
    if (c.origin === "same") headers.push(["Origin", origin]);
    if (c.origin === "cross") headers.push(["Origin", "https://evil.example"]);
    if (c.origin === "null") headers.push(["Origin", "null"]);
    if (c.origin === "cross-site fetch") headers.push(["Sec-Fetch-Site", "cross-site"]);
  }
  const body = hasBody ? await bodyOf(c, world) : null;
  if (body?.contentType) headers.push(["Content-Type", body.contentType]);
  return { method: c.method, target, headers, body: body?.body ?? null };
}
