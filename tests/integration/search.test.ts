import { seedDemoData } from "#db/seed";
import * as searchIndexMigration from "../../migrations/20261130000000_search_index";
import type { TextPiece } from "~/lib/search-text";
import { blockAuthor } from "~/models/blocks.server";
import { addComment, deleteComment } from "~/models/comments.server";
import { createPost, deletePost, updatePost } from "~/models/posts.server";
import { indexPost, rebuildSearchIndex } from "~/models/search-index.server";
import { SEARCH_COUNT_CAP } from "~/models/search.server";
import { loader as boardPage } from "~/routes/$board._index";
import { loader as searchPage } from "~/routes/search";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createTestBoard,
  createUser,
  pageGet,
  payloadOf,
  sessionCookieFor,
  type TestBoard,
} from "./support/board-fixtures";

const db = createTestDb();

let named: TestBoard;
let anonymous: TestBoard;
let writerId: number;
let readerId: number;
let readerCookie: string;
const admin = { id: 0, role: "admin" as const };

async function write(
  board: TestBoard,
  title: string,
  body = "본문",
  options: { category?: string; authorId?: number } = {},
) {
  const written = await createPost(db, {
    boardId: board.id,
    categoryId: options.category ? board.categoryIds[options.category] : null,
    authorId: options.authorId ?? writerId,
    title,
    bodyMd: body,
  });
  if (!written.ok) throw new Error("post not written");
  return written.postId;
}

async function comment(postId: number, body: string, authorId = writerId) {
  const added = await addComment(db, { postId, authorId, body, parentId: null });
  if (!added.ok) throw new Error("comment not added");
  return added.commentId;
}

function text(pieces: TextPiece[]) {
  return pieces.map((p) => (p.marked ? `[${p.text}]` : p.text)).join("");
}

async function search(path: string, cookie?: string) {
  const [pathname] = path.split("?");
  const answer =
    pathname === "/search"
      ? await callRoute(db, searchPage, pageGet(path, cookie))
      : await callRoute(db, boardPage, pageGet(path, cookie), { board: pathname.slice(1) });
  const page = payloadOf(answer);
  return { status: answer.status, search: page.search!, results: page.search?.results?.results ?? [] };
}

async function foundIds(path: string, cookie?: string) {
  const { status, results } = await search(path, cookie);
  expect(status).toBe(200);
  return results.map((r) => r.id);
}

const q = (board: string, query: string, scope = "title_body", extra = "") =>
  `/${board}?${new URLSearchParams({ q: query, scope })}${extra}`;

beforeAll(async () => {
  named = await createTestBoard(db, "talk", [
    { slug: "chat", name: "잡담" },
    { slug: "qna", name: "질문" },
  ]);
  anonymous = await createTestBoard(db, "square", [{ slug: "news", name: "기사" }]);
  await db.updateTable("boards").set({ is_anonymous: 1 }).where("id", "=", anonymous.id).execute();
  writerId = await createUser(db, "writer");
  readerId = await createUser(db, "reader");
  readerCookie = await sessionCookieFor(db, readerId);
  admin.id = await createUser(db, "boss", "admin");
});

describe("matching", () => {
  let exchange: number;
  let latin: number;
  let drug: number;

  beforeAll(async () => {
    exchange = await write(named, "원달러환율이 1,460원을 넘었다", "국회에서 논의");
    latin = await write(named, "NCT드림 새 앨범과 OpenAI 소식", "2025년 발표");
    drug = await write(named, "위고비2 출시", "비만 치료제");
    await write(named, "환률 오타만 있는 글", "환 율 띄어 쓴 글");
  });

  it("finds a two-syllable word inside a longer word, and not a misspelling", async () => {
    expect(await foundIds(q("talk", "환율"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "달러환율"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "환율이다"))).toEqual([]);
  });

  it("needs every term (AND), a one-syllable term anywhere in a word", async () => {
    expect(await foundIds(q("talk", "환율 국회"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "환율 원"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "율 이"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "환율 앨범"))).toEqual([]);
  });

  it("matches Latin case-insensitively, numbers with or without separators, and mixed words", async () => {
    expect(await foundIds(q("talk", "nct"))).toEqual([latin]);
    expect(await foundIds(q("talk", "ai"))).toEqual([latin]);
    expect(await foundIds(q("talk", "OPENai"))).toEqual([latin]);
    expect(await foundIds(q("talk", "2025"))).toEqual([latin]);
    expect(await foundIds(q("talk", "1,460"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "1460"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "460"))).toEqual([exchange]);
    expect(await foundIds(q("talk", "위고비2"))).toEqual([drug]);
    expect(await foundIds(q("talk", "고비"))).toEqual([drug]);
    expect(await foundIds(q("talk", "2"))).toEqual([drug, latin]);
  });

  it("quotes the body as a reader sees it, without Markdown syntax or addresses", async () => {
    const post = await write(
      named,
      "사진 있는 산책 글",
      "**오늘** 산책 사진입니다\n\n![강변](/uploads/abc.webp)\n\n[지도 보기](https://example.com/map) 참고 & 즐거운 하루",
    );
    // As if the picture were one of ours (an upload this test does not make): the results mark it as the list does.
    await db.updateTable("posts").set({ has_images: 1 }).where("id", "=", post).execute();
    const [result] = (await search(q("talk", "산책 사진입니다"))).results;
    expect(result.id).toBe(post);
    expect(result.hasImages).toBe(1);
    expect(text(result.snippet)).toBe("오늘 [산책] [사진입니다] 지도 보기 참고 & 즐거운 하루");
    // Only words a reader sees are found: not the picture's address, the link's, nor Markdown's syntax.
    expect(await foundIds(q("talk", "지도 보기"))).toEqual([post]);
    for (const unseen of ["webp", "uploads", "example", "https", "강변"]) {
      expect(await foundIds(q("talk", unseen))).toEqual([]);
    }
  });

  it("marks the matched words in the title and the snippet", async () => {
    const { results } = await search(q("talk", "환율 국회"));
    expect(text(results[0].titlePieces)).toBe("원달러[환율]이 1,460원을 넘었다");
    expect(text(results[0].snippet)).toBe("[국회]에서 논의");
    const [number] = (await search(q("talk", "1460"))).results;
    expect(text(number.titlePieces)).toBe("원달러환율이 [1,460]원을 넘었다");
    const [latinResult] = (await search(q("talk", "nct ai"))).results;
    expect(text(latinResult.titlePieces)).toBe("[NCT]드림 새 앨범과 Open[AI] 소식");
  });
});

describe("scopes", () => {
  let titleOnly: number;
  let bodyOnly: number;
  let commented: number;
  let commentId: number;

  beforeAll(async () => {
    titleOnly = await write(named, "카톡 업데이트", "내용 없음");
    bodyOnly = await write(named, "아무 제목", "카톡 이야기가 본문에만");
    commented = await write(named, "댓글 달린 글", "평범한 본문");
    commentId = await comment(commented, "이 글은 카톡으로 공유했어요");
  });

  it("title finds titles only; title_body (the default) finds both", async () => {
    expect(await foundIds(q("talk", "카톡", "title"))).toEqual([titleOnly]);
    expect(await foundIds(q("talk", "카톡"))).toEqual([bodyOnly, titleOnly]);
    expect(await foundIds(`/talk?q=${encodeURIComponent("카톡")}&scope=nonsense`)).toEqual([bodyOnly, titleOnly]);
  });

  it("comment finds posts by their live comments and quotes the comment", async () => {
    const { results } = await search(q("talk", "카톡", "comment"));
    expect(results.map((r) => [r.id, r.key, r.snippetIsComment])).toEqual([[commented, commentId, true]]);
    expect(text(results[0].snippet)).toBe("이 글은 [카톡]으로 공유했어요");
    await deleteComment(db, { postId: commented, commentId, editor: { id: writerId, role: "member" } });
    expect(await foundIds(q("talk", "카톡", "comment"))).toEqual([]);
  });

  it("author finds a member's posts on a named board by username", async () => {
    const other = await createUser(db, "otherwriter");
    const theirs = await write(named, "다른 사람 글", "본문", { authorId: other });
    expect(await foundIds(q("talk", "OtherWriter", "author"))).toEqual([theirs]);
    expect(await foundIds(q("talk", "otherwrite", "author"))).toEqual([]);
  });

  it("author is refused (400) and not offered on an anonymous board, and never matches anonymous posts site-wide", async () => {
    const hidden = await createUser(db, "hiddenwriter");
    await write(anonymous, "익명 글", "본문", { authorId: hidden });
    const refused = await search(q("square", "hiddenwriter", "author"));
    expect(refused.status).toBe(400);
    expect(refused.search.message).toBe("익명 게시판에서는 글쓴이로 검색할 수 없습니다.");
    expect(refused.results).toEqual([]);
    const squarePage = payloadOf(await callRoute(db, boardPage, pageGet("/square"), { board: "square" }));
    expect(squarePage.scopes).toEqual(["title_body", "title", "comment"]);
    expect(payloadOf(await callRoute(db, boardPage, pageGet("/talk"), { board: "talk" })).scopes).toContain("author");
    expect(await foundIds(`/search?q=hiddenwriter&scope=author`)).toEqual([]);
    const named2 = await write(named, "실명 글", "본문", { authorId: hidden });
    expect(await foundIds(`/search?q=hiddenwriter&scope=author`)).toEqual([named2]);
  });

  it("/search looks in every board and names each result's board", async () => {
    const onSquare = await write(anonymous, "광장의 국회 소식", "본문", { category: "news" });
    const { results } = await search(`/search?q=${encodeURIComponent("국회")}`);
    expect(results.map((r) => [r.id, r.boardSlug, r.boardName])).toContainEqual([onSquare, "square", "square 게시판"]);
    expect(results.length).toBeGreaterThan(1);
  });
});

describe("what the reader reads", () => {
  it("applies the category tab, the reader's exclusions and blocks", async () => {
    const blocked = await createUser(db, "blockedwriter");
    const inChat = await write(named, "정치 잡담", "본문", { category: "chat" });
    const inQna = await write(named, "정치 질문", "본문", { category: "qna" });
    const byBlocked = await write(named, "정치 차단된 사람", "본문", { authorId: blocked });
    expect(await foundIds(q("talk", "정치"))).toEqual([byBlocked, inQna, inChat]);
    expect(await foundIds(q("talk", "정치", "title_body", "&category=chat"))).toEqual([inChat]);
    expect(await foundIds(q("talk", "정치", "title_body", "&exclude=chat"))).toEqual([byBlocked, inQna]);
    expect(await foundIds(`/search?q=${encodeURIComponent("정치")}&exclude=chat`)).toEqual([byBlocked, inQna]);
    // The page says which categories it leaves out, as the list does.
    const excluding = await search(q("talk", "정치", "title_body", "&exclude=chat"));
    expect(excluding.search.results?.excludedCategories).toEqual([{ slug: "chat", name: "잡담" }]);
    expect(await blockAuthor(db, readerId, { postId: byBlocked, commentId: null })).toBe("blocked");
    expect(await foundIds(q("talk", "정치"), readerCookie)).toEqual([inQna, inChat]);
    expect(await foundIds(`/search?q=${encodeURIComponent("정치")}`, readerCookie)).toEqual([inQna, inChat]);
  });

  it("never finds a deleted, edited-away or blinded post, nor a blinded comment", async () => {
    const deleted = await write(named, "삭제될 국밥 글");
    const edited = await write(named, "고쳐질 국밥 글");
    const blinded = await write(named, "블라인드될 국밥 글");
    const commented = await write(named, "댓글 글");
    const blindedComment = await comment(commented, "블라인드될 국밥 댓글");
    expect(await foundIds(q("talk", "국밥"))).toEqual([blinded, edited, deleted]);
    expect(await deletePost(db, deleted, admin)).toBe("done");
    const edit = { categoryId: null, title: "고친 제목", bodyMd: "순대" };
    expect(await updatePost(db, edited, admin, edit)).toBe("done");
    await db.updateTable("posts").set({ blinded_at: 1 }).where("id", "=", blinded).execute();
    await db.updateTable("comments").set({ blinded_at: 1 }).where("id", "=", blindedComment).execute();
    expect(await foundIds(q("talk", "국밥"))).toEqual([]);
    expect(await foundIds(q("talk", "국밥", "comment"))).toEqual([]);
    expect(await foundIds(q("talk", "순대"))).toEqual([edited]);
    // A rebuild from the tables agrees with what the writes kept.
    await rebuildSearchIndex(db);
    expect(await foundIds(q("talk", "국밥"))).toEqual([]);
    expect(await foundIds(q("talk", "순대"))).toEqual([edited]);
  });
});

describe("hostile queries", () => {
  const HOSTILE = ['"', "*", "-", "(", ")", ":", "^", "NEAR", "AND", "OR", "NOT", "%", "_", "'", "\\", "<script>"];

  it("treats engine syntax as text: searched for or ignored, never interpreted, never a 500", async () => {
    const near = await write(named, "NEAR and OR not 검색", "<script>alert(1)</script>");
    for (const hostile of [...HOSTILE, HOSTILE.join(""), HOSTILE.join(" "), '"환율', "환율*", "-환율", "title:환율"]) {
      for (const scope of ["title_body", "title", "comment", "author"]) {
        const { status } = await search(q("talk", hostile, scope));
        expect(status, `${hostile} in ${scope}`).toBeLessThan(500);
      }
      expect((await search(`/search?${new URLSearchParams({ q: hostile })}`)).status).toBeLessThan(500);
    }
    expect(await foundIds(q("talk", "NEAR"))).toEqual([near]);
    expect(await foundIds(q("talk", "NOT OR"))).toEqual([near]);
    expect(await foundIds(q("talk", "<script>"))).toEqual([near]);
    const echoed = await search(q("talk", '"<script>'));
    expect(echoed.search.query).toBe('"<script>');
  });

  it("answers empty, whitespace-only and punctuation-only queries with the form and a message", async () => {
    for (const blank of ["", "   ", "\t\n"]) {
      const { status, search: s } = await search(q("talk", blank));
      expect(status).toBe(200);
      expect(s.message).toBe("검색어를 입력하세요.");
      expect(s.results).toBeNull();
    }
    const punctuation = await search(q("talk", "*** ---"));
    expect(punctuation.status).toBe(200);
    expect(punctuation.search.message).toMatch(/글자나 숫자가 없습니다/);
  });

  it("refuses more than 100 characters with 400 and the form", async () => {
    expect((await search(q("talk", "가".repeat(100)))).status).toBe(200);
    const long = await search(q("talk", "가".repeat(101)));
    expect(long.status).toBe(400);
    expect(long.search.message).toBe("검색어는 100자까지 입력할 수 있습니다.");
    expect((await search(`/search?${new URLSearchParams({ q: "a".repeat(101) })}`)).status).toBe(400);
  });
});

/** What a post inserted straight into the table needs besides its place, author and text. */
const EPOCH_ROW = { is_anonymous: 0, created_at: 1, updated_at: 1 };

describe("pages", () => {
  it("pages through every result newest first by keyset, with a capped count", async () => {
    const board = await createTestBoard(db, "deep");
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) ids.push(await write(board, `깊은 페이지 ${i}`));
    ids.reverse();
    const seen: number[] = [];
    let path = q("deep", "깊은");
    for (;;) {
      const { search: s } = await search(path);
      const page = s.results!;
      expect(page.total).toBe(45);
      seen.push(...page.results.map((r) => r.id));
      if (page.nextBefore === null) break;
      path = q("deep", "깊은", "title_body", `&before=${page.nextBefore}`);
    }
    expect(seen).toEqual(ids);
    expect(await foundIds(q("deep", "깊은", "title_body", "&before=nonsense"))).toEqual(ids.slice(0, 20));
  });

  it(`shows at most ${SEARCH_COUNT_CAP} as the count, and says there are more`, async () => {
    const board = await createTestBoard(db, "many");
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i <= SEARCH_COUNT_CAP; i++) {
        const title = `많은 글 ${i}`;
        const { id } = await trx
          .insertInto("posts")
          .values({ board_id: board.id, author_id: writerId, title, body_md: "", body_html: "", ...EPOCH_ROW })
          .returning("id")
          .executeTakeFirstOrThrow();
        await indexPost(trx, { id, title, bodyHtml: "" });
      }
    });
    const page = (await search(q("many", "많은"))).search.results!;
    expect([page.total, page.totalCapped, page.results.length]).toEqual([SEARCH_COUNT_CAP, true, 20]);
  });
});

describe("the migration", () => {
  it("indexes the posts and comments that exist when it runs, and no deleted ones", async () => {
    const board = await createTestBoard(db, "older");
    const kept = await write(board, "예전부터 있던 떡볶이 글");
    const gone = await write(board, "지워진 떡볶이 글");
    await comment(kept, "떡볶이 댓글");
    await deletePost(db, gone, admin);
    await searchIndexMigration.down(db);
    await searchIndexMigration.up(db);
    expect(await foundIds(q("older", "떡볶이"))).toEqual([kept]);
    expect(await foundIds(q("older", "떡볶이", "comment"))).toEqual([kept]);
    expect(await foundIds(q("older", "떡볶이", "title"))).toEqual([kept]);
  });
});

describe("the seeded Kakao article", () => {
  const seeded = createTestDb();

  beforeAll(async () => {
    expect(await seedDemoData(seeded)).toBe(true);
  });

  it.each(["이용패턴", "옵트아웃", "카카오 약관", "동의"])("is found by %s on 스퀘어 and site-wide", async (query) => {
    for (const path of [`/square?q=${encodeURIComponent(query)}`, `/search?q=${encodeURIComponent(query)}`]) {
      const [pathname] = path.split("?");
      const answer =
        pathname === "/search"
          ? await callRoute(seeded, searchPage, pageGet(path))
          : await callRoute(seeded, boardPage, pageGet(path), { board: "square" });
      expect(answer.status).toBe(200);
      const ids = payloadOf(answer).search!.results!.results.map((r) => r.id);
      expect(ids, path).toContain(399629);
    }
  });
});
