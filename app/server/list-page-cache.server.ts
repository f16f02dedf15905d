import type { AppLoadContext } from "@remix-run/node";
import { SESSION_COOKIE_NAME } from "~/auth/lucia.server";
import { readCookie } from "~/lib/cookies";
import { EXCLUDE_COOKIE } from "~/lib/exclusion-cookie";
import { getHotListVersion, getListVersion, getPostPageVersion } from "~/models/board-versions.server";
import { READER_COOKIE, readerCookieToIssue } from "~/models/views.server";
import { acceptsGzip, encodeBody, type Bytes } from "./response-encoding.server";

/**
 * A short-lived copy of rendered board list pages and post pages for logged-out readers, so a burst of them costs one
 * render.
 *
 * Per process (server.js runs one per core). A copy is served only while it is under LIST_CACHE_SECONDS (2 by default) old and the
 * board's `list_version` still matches (for HOT's pages, every board's and the ranking's time: see getHotListVersion), so a new post, comment or notice change seen by any process drops it at
 * once: every write that changes a list calls markBoardChanged (app/models/board-versions.server.ts) in its
 * transaction. Requests carrying a session cookie, anything but GET, and responses that set a cookie are never cached,
 * but for the post page's reader cookie: it is left out of the copy, and every response of a post page gets its own
 * for a reader who has none yet (the page counts nobody's view itself: its image does, with that cookie).
 * A copy is kept as it is sent (gzip, unless COMPRESSION=off), so a hit costs no compression; a client that does not
 * take gzip gets it unpacked.
 */

/** How long a copy may be served; `LIST_CACHE_SECONDS` lengthens it for a board whose lists change rarely. */
const LIST_CACHE_TTL_MS = listCacheSeconds() * 1_000;

function listCacheSeconds(): number {
  const configured = Number(process.env.LIST_CACHE_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? configured : 2;
}
const MAX_ENTRIES = 500;
// A board's list and feed; HOT's pages and feed, across boards and per board.
const BOARD_LIST_PATH = /^\/([a-z0-9-]{2,30})(?:\.data|\/feed\.xml)?$/;
const HOT_LIST_PATH = /^\/(?:hot(?:\.data|\/feed\.xml)?|[a-z0-9-]{2,30}\/hot(?:\.data)?)$/;
const POST_PAGE_PATH = /^\/([a-z0-9-]{2,30})\/[1-9][0-9]{0,15}(?:\.data)?$/;

interface CachedPage {
  storedAt: number;
  status: number;
  headers: Headers;
  body: Bytes;
}

const pages = new Map<string, CachedPage>();
const rendering = new Map<string, Promise<CachedPage | null>>();

/**
 * Serves a logged-out board list or post page from the cache when current, else renders it (once per burst) via
 * `render`; a post page then gets the reader's own cookie.
 */
export async function serveListPage(
  db: AppLoadContext["db"],
  request: Request,
  render: () => Promise<Response>,
  now = Date.now(),
): Promise<Response> {
  const response = await servePage(db, request, render, now);
  if (!needsReaderCookie(request, response)) return response;
  const readerCookie = await readerCookieToIssue(db, request);
  if (readerCookie) response.headers.append("Set-Cookie", readerCookie);
  return response;
}

/** A logged-out reader's post page that came without its reader cookie: a shared copy. */
function needsReaderCookie(request: Request, response: Response): boolean {
  return (
    response.status === 200 &&
    !response.headers.has("set-cookie") &&
    request.method === "GET" &&
    readCookie(request, SESSION_COOKIE_NAME) === null &&
    POST_PAGE_PATH.test(new URL(request.url).pathname)
  );
}

async function servePage(
  db: AppLoadContext["db"],
  request: Request,
  render: () => Promise<Response>,
  now = Date.now(),
): Promise<Response> {
  const listVersion = await cacheableListVersion(db, request);
  if (listVersion === null) return render();

  // A reader's excluded categories change the page as much as its address does.
  const key = `${listVersion}:${request.url}:${readCookie(request, EXCLUDE_COOKIE) ?? ""}`;
  const cached = pages.get(key);
  if (cached && now - cached.storedAt < LIST_CACHE_TTL_MS) return toResponse(cached, request);

  const pending = rendering.get(key);
  if (pending) {
    const page = await pending;
    return page ? toResponse(page, request) : render();
  }
  const rendered = renderAndKeep(key, render, now);
  const sharedPage = rendered.then(
    ({ page }) => page,
    () => null,
  );
  rendering.set(key, sharedPage);
  void sharedPage.then(() => rendering.delete(key));
  const { page, response } = await rendered;
  return page ? toResponse(page, request) : response;
}

/** The version of the list this request asks for, when the cache may answer it; else null. */
async function cacheableListVersion(db: AppLoadContext["db"], request: Request): Promise<string | number | null> {
  // LIST_CACHE=off lets the bench measure the uncached render on the same build.
  if (request.method !== "GET" || process.env.LIST_CACHE === "off") return null;
  if (readCookie(request, SESSION_COOKIE_NAME) !== null) return null;
  const { pathname } = new URL(request.url);
  if (HOT_LIST_PATH.test(pathname)) return getHotListVersion(db);
  const postBoardSlug = POST_PAGE_PATH.exec(pathname)?.[1];
  if (postBoardSlug) return getPostPageVersion(db, postBoardSlug);
  const boardSlug = BOARD_LIST_PATH.exec(pathname)?.[1];
  return boardSlug ? getListVersion(db, boardSlug) : null;
}

/**
 * Renders once; a page that cannot be shared (an error, a redirect, a cookie) is handed back as is and not kept. A
 * reader cookie is one reader's: the copy is kept without it.
 */
async function renderAndKeep(
  key: string,
  render: () => Promise<Response>,
  now: number,
): Promise<{ page: CachedPage | null; response: Response }> {
  const response = await render();
  const othersCookie = response.headers.getSetCookie().some((cookie) => !cookie.startsWith(`${READER_COOKIE}=`));
  if (response.status !== 200 || othersCookie) return { page: null, response };
  const shared = new Headers([...response.headers.entries()].filter(([name]) => name !== "set-cookie"));
  const stored = encodeBody(new Uint8Array(await response.arrayBuffer()), shared, true);
  const page: CachedPage = { storedAt: now, status: response.status, ...stored };
  dropStalePages(now);
  pages.set(key, page);
  return { page, response };
}

function dropStalePages(now: number) {
  for (const [key, page] of pages) {
    if (now - page.storedAt >= LIST_CACHE_TTL_MS || pages.size >= MAX_ENTRIES) pages.delete(key);
  }
}

function toResponse(page: CachedPage, request: Request): Response {
  const { body, headers } = encodeBody(page.body, page.headers, acceptsGzip(request.headers.get("accept-encoding")));
  return new Response(body, { status: page.status, headers });
}
