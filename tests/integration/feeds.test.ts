import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { refreshHotRanking } from "~/models/hot-ranking.server";
import { markBoardChanged } from "~/models/board-versions.server";
import { loader as boardFeed } from "~/routes/$board.feed[.xml]";
import { loader as hotFeed } from "~/routes/hot.feed[.xml]";
import { serveListPage } from "~/server/list-page-cache.server";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  ORIGIN,
  pageGet,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();
const ATOM = "http://www.w3.org/2005/Atom";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HOSTILE_TITLE = "<b>굵게</b> & \"따옴표\" '작은' ]]> 그리고 ]]> <![CDATA[ x ]]> &amp; \u0001끝";
/** What a reader shows for it: the same text, less the control character XML cannot carry. */
const HOSTILE_TITLE_SHOWN = HOSTILE_TITLE.replace("\u0001", "");
const HOUR = 60 * 60 * 1000;

let named: TestBoard;
let anonymous: TestBoard;
let authorId: number;

/** Parses strictly: any warning or error of the parser fails the test. */
function parseXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "application/xml");
}

function children(parent: Element | Document, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ATOM, name));
}

function childText(entry: Element, name: string): string {
  return children(entry, name)[0]?.textContent ?? "";
}

/** A type="html" text construct as a reader shows it: its HTML's text. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(
      /&(lt|gt|quot|#39|amp);/g,
      (e) => ({ "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" })[e]!,
    );
}

async function feedOf(path: string, board?: string) {
  const request = pageGet(path);
  const response = (await (board
    ? boardFeed({ request, params: { board }, context: { db } })
    : hotFeed({ request, params: {}, context: { db } }))) as Response;
  return { response, xml: await response.clone().text() };
}

async function setPost(
  id: number,
  values: { title?: string; body_html?: string; created_at?: number; updated_at?: number },
) {
  await db.updateTable("posts").set(values).where("id", "=", id).execute();
}

beforeAll(async () => {
  authorId = await createUser(db, "feedwriter");
  named = await createTestBoard(db, "square");
  anonymous = await createTestBoard(db, "secret");
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymous.id).execute();
});

describe("a board's Atom feed", () => {
  it("is well-formed Atom with the newest 30 live posts, their dates, absolute links and escaped titles", async () => {
    const ids: number[] = [];
    const t0 = Date.UTC(2026, 10, 1, 3, 4, 5, 678);
    for (let i = 0; i < 33; i++) {
      const id = await createTestPost(db, named, { authorId, title: `글 ${i}` });
      await setPost(id, { created_at: t0 + i * HOUR, updated_at: t0 + i * HOUR + (i === 32 ? 5 * HOUR : 0) });
      ids.push(id);
    }
    const [blinded, deleted, hostile] = ids.slice(-3);
    await db.updateTable("posts").set({ deleted_at: t0 }).where("id", "=", deleted).execute();
    await db.updateTable("posts").set({ blinded_at: t0 }).where("id", "=", blinded).execute();
    await setPost(hostile, {
      title: HOSTILE_TITLE,
      body_html: `<p>첫 문단 &amp; <strong>강조</strong> &lt;script&gt; ]]&gt;</p><p>${"가".repeat(300)}</p>`,
    });

    const { response, xml } = await feedOf("/square/feed.xml", "square");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const doc = parseXml(xml);
    const feed = doc.documentElement!;
    expect(feed.localName).toBe("feed");
    expect(feed.namespaceURI).toBe(ATOM);
    expect(childText(feed, "title")).toBe("square 게시판 - 마당");
    expect(RFC3339.test(childText(feed, "updated"))).toBe(true);
    const selfLink = children(feed, "link").find((l) => l.getAttribute("rel") === "self");
    expect(selfLink?.getAttribute("href")).toBe(`${ORIGIN}/square/feed.xml`);

    const entries = children(feed, "entry");
    expect(entries).toHaveLength(30);
    const live = ids.filter((id) => id !== deleted && id !== blinded).reverse();
    expect(entries.map((e) => childText(e, "id"))).toEqual(live.slice(0, 30).map((id) => `${ORIGIN}/square/${id}`));
    for (const entry of entries) {
      expect(RFC3339.test(childText(entry, "updated"))).toBe(true);
      expect(RFC3339.test(childText(entry, "published"))).toBe(true);
      expect(children(entry, "link")[0].getAttribute("href")).toMatch(/^http:\/\/madang\.test\/square\/\d+$/);
      expect(childText(entry, "name")).toBe("feedwriter");
    }

    const first = entries[0];
    expect(childText(first, "published")).toBe(new Date(t0 + 32 * HOUR).toISOString());
    expect(childText(first, "updated")).toBe(new Date(t0 + 37 * HOUR).toISOString());
    expect(childText(feed, "updated")).toBe(new Date(t0 + 37 * HOUR).toISOString());
    // The hostile title travels as HTML (type="html") and reads back as exactly its text.
    const title = children(first, "title")[0];
    expect(title.getAttribute("type")).toBe("html");
    expect(htmlText(title.textContent ?? "")).toBe(HOSTILE_TITLE_SHOWN);
    expect(title.textContent).not.toContain("<b>");
    // The summary: the opening text of the body as one escaped paragraph, cut to 200 characters.
    const summary = childText(first, "summary");
    expect(summary).toMatch(/^<p>[^<>]*<\/p>$/);
    const summaryText = htmlText(summary);
    expect(summaryText.startsWith("첫 문단 & 강조 <script> ]]> 가가")).toBe(true);
    expect(Array.from(summaryText)).toHaveLength(200);
    expect(summaryText.endsWith("…")).toBe(true);
  });

  it("never names the authors of posts written on an anonymous board", async () => {
    const id = await createTestPost(db, anonymous, { authorId, title: "익명 글" });
    await db.updateTable("posts").set({ is_anonymous: 1 }).where("id", "=", id).execute();
    const { xml } = await feedOf("/secret/feed.xml", "secret");
    const entries = children(parseXml(xml).documentElement!, "entry");
    expect(entries).toHaveLength(1);
    expect(children(entries[0], "author")).toHaveLength(0);
    expect(xml).not.toContain("feedwriter");
  });

  it("is 404 for a board that does not exist", async () => {
    const answer = await callRoute(db, boardFeed, pageGet("/nowhere/feed.xml"), { board: "nowhere" });
    expect(answer.status).toBe(404);
  });

  it("is served from the logged-out list cache until the board changes", async () => {
    let renders = 0;
    const render = async () => {
      renders++;
      return (await feedOf("/square/feed.xml", "square")).response;
    };
    const request = () => new Request(`${ORIGIN}/square/feed.xml`);
    const first = await serveListPage(db, request(), render, 1_000);
    const second = await serveListPage(db, request(), render, 1_001);
    expect(renders).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    await markBoardChanged(db, named.id);
    await serveListPage(db, request(), render, 1_002);
    expect(renders).toBe(2);
  });
});

describe("the HOT feed", () => {
  it("lists the ranking in its order, hostile titles escaped, anonymous authors unnamed", async () => {
    const now = Date.now();
    const quiet = await createTestPost(db, named, { authorId, title: "조용한 글" });
    const loud = await createTestPost(db, anonymous, { authorId, title: HOSTILE_TITLE });
    await db.updateTable("posts").set({ is_anonymous: 1, comment_count: 9 }).where("id", "=", loud).execute();
    await db.updateTable("posts").set({ comment_count: 1 }).where("id", "=", quiet).execute();
    await db
      .updateTable("posts")
      .set({ created_at: now - HOUR })
      .where("id", "in", [quiet, loud])
      .execute();
    await refreshHotRanking(db, { now });

    const { response, xml } = await feedOf("/hot/feed.xml");
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parseXml(xml).documentElement!;
    expect(feed.namespaceURI).toBe(ATOM);
    const entries = children(feed, "entry");
    expect(entries.map((e) => childText(e, "id"))).toEqual([`${ORIGIN}/secret/${loud}`, `${ORIGIN}/square/${quiet}`]);
    expect(htmlText(childText(entries[0], "title"))).toBe(HOSTILE_TITLE_SHOWN);
    expect(children(entries[0], "author")).toHaveLength(0);
    expect(childText(entries[1], "name")).toBe("feedwriter");
  });
});
