import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as postPage } from "~/routes/$board.$postId";
import { loader as robotsTxt } from "~/routes/robots[.txt]";
import { loader as sitemapIndex } from "~/routes/sitemap[.xml]";
import { loader as sitemapPage } from "~/routes/sitemap.$page";
import { SITEMAP_PAGE_SIZE } from "~/models/sitemap.server";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createTestPost,
  createUser,
  ORIGIN,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const UPLOAD = "/uploads/" + "a".repeat(64) + ".webp";
// In the third page of ids, past an empty second one.
const FAR_ID = 2 * SITEMAP_PAGE_SIZE + 1_000;

let board: TestBoard;
let authorId: number;
let live: number;
let withPicture: number;
let deleted: number;
let blinded: number;

function locs(xml: string): string[] {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, "application/xml");
  return Array.from(doc.getElementsByTagNameNS(SITEMAP_NS, "loc")).map((loc) => loc.textContent ?? "");
}

async function setBody(postId: number, bodyHtml: string) {
  await db.updateTable("posts").set({ body_html: bodyHtml }).where("id", "=", postId).execute();
}

beforeAll(async () => {
  board = await createTestBoard(db, "square");
  authorId = await createUser(db, "writer");
  live = await createTestPost(db, board, { authorId, title: "살아 있는 글" });
  withPicture = await createTestPost(db, board, { authorId, title: "사진 있는 글" });
  deleted = await createTestPost(db, board, { authorId, title: "지운 글" });
  blinded = await createTestPost(db, board, { authorId, title: "블라인드 비밀 제목" });
  await setBody(live, `<h3>첫 줄 &amp; 제목</h3><p>${"가나다라 ".repeat(60)}</p>`);
  await setBody(withPicture, `<p>사진을 봅니다.</p><p><img src="${UPLOAD}" alt="" width="10" height="10"></p>`);
  await setBody(blinded, "<p>블라인드 비밀 본문</p>");
  await db.updateTable("posts").set({ deleted_at: 1 }).where("id", "=", deleted).execute();
  await db.updateTable("posts").set({ blinded_at: 1 }).where("id", "=", blinded).execute();
  // Far along the id sequence, as on a board of a million posts: the third page of ids.
  await db
    .insertInto("posts")
    .values({
      id: FAR_ID,
      board_id: board.id,
      author_id: authorId,
      title: "먼 글",
      body_md: "먼 글",
      body_html: "<p>먼 글</p>",
      is_anonymous: 0,
      created_at: 1_800_000_000_000,
      updated_at: 1_800_000_100_000,
    })
    .execute();
});

async function shareOf(postId: number, cookie?: string) {
  return payloadOf(
    await callRoute(db, postPage, pageGet(`/square/${postId}`, cookie), { board: "square", postId: String(postId) }),
  ).share;
}

describe("a post's preview card", () => {
  it("describes a post by the first words of its body, with the default picture and the canonical address", async () => {
    const card = await shareOf(live);
    expect(card.title).toBe("살아 있는 글");
    expect(card.description.startsWith("첫 줄 & 제목 가나다라 가나다라")).toBe(true);
    expect(card.description.length).toBeLessThanOrEqual(121);
    expect(card.description.endsWith("…")).toBe(true);
    expect(card.url).toBe(`${ORIGIN}/square/${live}`);
    expect(card.image).toBe(`${ORIGIN}/share-card.png`);
  });

  it("shows a post's first picture, as an absolute address", async () => {
    const card = await shareOf(withPicture);
    expect(card).toMatchObject({ description: "사진을 봅니다.", image: `${ORIGIN}${UPLOAD}` });
  });

  it("never carries a blinded post's title or text, even when its author asks", async () => {
    const cookie = await sessionCookieFor(db, authorId);
    for (const card of [await shareOf(blinded), await shareOf(blinded, cookie)]) {
      expect(JSON.stringify(card)).not.toMatch(/비밀/);
      expect(card.image).toBe(`${ORIGIN}/share-card.png`);
    }
  });
});

describe("robots.txt and the sitemap", () => {
  it("robots.txt closes members' and writing pages and names the sitemap", async () => {
    const answer = await callRoute(db, robotsTxt, pageGet("/robots.txt"));
    expect(answer.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const lines = String(answer.data).split("\n");
    for (const rule of ["Disallow: /me$", "Disallow: /settings/", "Disallow: /admin/", "Disallow: /*/write$"]) {
      expect(lines).toContain(rule);
    }
    expect(lines).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });

  it("the index names the boards' sitemap and one sitemap per SITEMAP_PAGE_SIZE ids", async () => {
    const answer = await callRoute(db, sitemapIndex, pageGet("/sitemap.xml"));
    expect(answer.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(answer.headers.get("Cache-Control")).toMatch(/^public, max-age=\d+$/);
    expect(locs(String(answer.data))).toEqual([
      `${ORIGIN}/sitemap/boards.xml`,
      `${ORIGIN}/sitemap/1.xml`,
      `${ORIGIN}/sitemap/2.xml`,
      `${ORIGIN}/sitemap/3.xml`,
    ]);
  });

  it("a page lists the live posts of its ids with their last change, never deleted or blinded ones", async () => {
    const page = async (n: string) => callRoute(db, sitemapPage, pageGet(`/sitemap/${n}`), { page: n });
    const first = await page("1.xml");
    expect(locs(String(first.data))).toEqual([`${ORIGIN}/square/${live}`, `${ORIGIN}/square/${withPicture}`]);
    expect(locs(String((await page("2.xml")).data))).toEqual([]);
    const third = String((await page("3.xml")).data);
    expect(locs(third)).toEqual([`${ORIGIN}/square/${FAR_ID}`]);
    expect(third).toContain(`<lastmod>${new Date(1_800_000_100_000).toISOString()}</lastmod>`);
    expect(locs(String((await page("boards.xml")).data))).toEqual([`${ORIGIN}/`, `${ORIGIN}/hot`, `${ORIGIN}/square`]);
    for (const missing of ["4.xml", "0.xml", "1", "x.xml", "01.xml"]) {
      const answer = await page(missing);
      expect(answer).toMatchObject({ status: 404, data: "없는 사이트맵입니다." });
    }
  });
});
