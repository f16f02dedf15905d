import { seedDemoData } from "#db/seed";
import { ADMIN_ONLY_CATEGORY_MESSAGE } from "~/actions/post-submission.server";
import { BODY_MAX_BYTES, POST_FORM_MAX_BYTES } from "~/lib/input-limits";
import { NESTING_TOO_DEEP_MESSAGE, UNSPACED_RUN_TOO_LONG_MESSAGE } from "~/lib/markdown-bounds";
import { loader as boardPage } from "~/routes/$board._index";
import { action as postAction, loader as postPage } from "~/routes/$board.$postId";
import { action as editAction, loader as editPage } from "~/routes/$board.$postId_.edit";
import { action as writeAction, loader as writePage } from "~/routes/$board.write";
import { updatePost } from "~/models/posts.server";
import { createTestDb } from "../helpers/db";
import {
  callRoute,
  createUser,
  formPost,
  ORIGIN,
  pageGet,
  payloadOf,
  sessionCookieFor,
} from "./support/board-fixtures";

// These tests write many posts and comments quickly; the posting limits have their own tests.
vi.stubEnv("RATE_LIMITS", "off");

const db = createTestDb();

let memberCookie: string;
let otherCookie: string;
let adminCookie: string;
let memberId: number;

beforeAll(async () => {
  await seedDemoData(db);
  memberId = await createUser(db, "writer");
  memberCookie = await sessionCookieFor(db, memberId);
  otherCookie = await sessionCookieFor(db, await createUser(db, "stranger"));
  adminCookie = await sessionCookieFor(db, await createUser(db, "boss", "admin"));
});

const goodPost = { category: "news", title: "첫 글입니다", body: "**굵게** 쓴 본문", intent: "save" };

function write(fields: Record<string, string>, cookie?: string, board = "square") {
  return callRoute(db, writeAction, formPost(`/${board}/write`, fields, cookie), { board });
}

function edit(postId: number, fields: Record<string, string>, cookie?: string, board = "square") {
  return callRoute(db, editAction, formPost(`/${board}/${postId}/edit`, fields, cookie), {
    board,
    postId: String(postId),
  });
}

function deleteRequest(postId: number, cookie?: string) {
  return callRoute(db, postAction, formPost(`/square/${postId}`, { intent: "delete" }, cookie), {
    board: "square",
    postId: String(postId),
  });
}

function viewPost(postId: number, cookie?: string, board = "square") {
  return callRoute(db, postPage, pageGet(`/${board}/${postId}`, cookie), { board, postId: String(postId) });
}

/** Writes a good post as the member and returns its id. */
async function writePost(
  fields: Partial<typeof goodPost> = {},
  cookie = memberCookie,
  board = "square",
): Promise<number> {
  const answer = await write({ ...goodPost, ...fields }, cookie, board);
  expect(answer.status).toBe(303);
  const match = /^\/([a-z]+)\/(\d+)$/.exec(answer.headers.get("Location") ?? "");
  expect(match?.[1]).toBe(board);
  return Number(match![2]);
}

async function postCount(): Promise<number> {
  const { n } = await db
    .selectFrom("posts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function storedPost(postId: number) {
  return db
    .selectFrom("posts")
    .select(["title", "body_md", "body_html", "category_id", "author_id", "deleted_at", "updated_at"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

async function categoryId(slug: string): Promise<number> {
  const row = await db.selectFrom("categories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}

/** Every board and category counter equals the number of live posts it counts. */
async function expectPostCountersTrue() {
  const boards = await db
    .selectFrom("boards")
    .select((eb) => [
      "boards.slug",
      "boards.post_count",
      eb
        .selectFrom("posts")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("posts.board_id", "=", "boards.id")
        .where("posts.deleted_at", "is", null)
        .as("live"),
    ])
    .execute();
  const categories = await db
    .selectFrom("categories")
    .select((eb) => [
      "categories.slug",
      "categories.post_count",
      eb
        .selectFrom("posts")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("posts.category_id", "=", "categories.id")
        .where("posts.deleted_at", "is", null)
        .as("live"),
    ])
    .execute();
  for (const row of [...boards, ...categories])
    expect({ slug: row.slug, count: row.post_count }).toEqual({ slug: row.slug, count: Number(row.live) });
}

async function counters() {
  const board = await db
    .selectFrom("boards")
    .select("post_count")
    .where("slug", "=", "square")
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("categories")
    .innerJoin("boards", "boards.id", "categories.board_id")
    .select(["categories.slug", "categories.post_count"])
    .where("boards.slug", "=", "square")
    .execute();
  return { board: board.post_count, ...Object.fromEntries(rows.map((r) => [r.slug, r.post_count])) } as Record<
    string,
    number
  >;
}

describe("the write page", () => {
  it("sends a logged-out reader to log in and come back", async () => {
    const answer = await callRoute(db, writePage, pageGet("/square/write"), { board: "square" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/square/write" })}`);
  });

  it("offers the admin-only category 이벤트 to admins only", async () => {
    const member = await callRoute(db, writePage, pageGet("/square/write", memberCookie), { board: "square" });
    expect(member.data.categories.map((c: { name: string }) => c.name)).toEqual([
      "기사/뉴스",
      "정치",
      "정보",
      "팁/유용/추천",
    ]);
    const admin = await callRoute(db, writePage, pageGet("/square/write", adminCookie), { board: "square" });
    expect(admin.data.categories.map((c: { name: string }) => c.name)).toContain("이벤트");
  });

  it("answers 404 for a board that does not exist", async () => {
    const answer = await callRoute(db, writePage, pageGet("/nowhere/write", memberCookie), { board: "nowhere" });
    expect(answer.status).toBe(404);
  });
});

describe("writing a post", () => {
  it("stores the Markdown and its rendered HTML, redirects to the post and moves the counters", async () => {
    const before = await counters();
    const postId = await writePost({ title: "  앞뒤 공백은 지웁니다  " });
    const stored = await storedPost(postId);
    expect(stored).toMatchObject({
      title: "앞뒤 공백은 지웁니다",
      body_md: "**굵게** 쓴 본문",
      body_html: "<p><strong>굵게</strong> 쓴 본문</p>\n",
      category_id: await categoryId("news"),
      author_id: memberId,
      deleted_at: null,
    });
    expect(await counters()).toEqual({ ...before, board: before.board + 1, news: before.news + 1 });
    await expectPostCountersTrue();

    const page = await viewPost(postId, memberCookie);
    expect(page.status).toBe(200);
    expect(page.data.post.bodyHtml).toBe("<p><strong>굵게</strong> 쓴 본문</p>\n");
    const list = await callRoute(db, boardPage, pageGet("/square"), { board: "square" });
    expect(list.data.list!.listing.posts[0]).toMatchObject({ id: postId, title: "앞뒤 공백은 지웁니다" });
  });

  it("previews the rendered body, keeps the form and writes nothing", async () => {
    const before = await postCount();
    const fields = { ...goodPost, title: "", intent: "preview", body: "# 제목\n- 하나" };
    const answer = await write(fields, memberCookie);
    expect(answer.status).toBe(200);
    expect(payloadOf(answer).previewHtml).toBe("<h2>제목</h2>\n<ul>\n<li>하나</li>\n</ul>\n");
    expect(payloadOf(answer).values).toEqual({ category: "news", title: "", body: "# 제목\n- 하나" });
    expect(payloadOf(answer).fieldErrors).toEqual({});
    expect(await postCount()).toBe(before);
  });

  it.each([
    ["an empty title", { title: "" }, "title", "제목을 입력해 주세요."],
    ["a title of spaces", { title: "   " }, "title", "제목을 입력해 주세요."],
    ["a 201-character title", { title: "가".repeat(201) }, "title", "제목은 200자 이하로 입력해 주세요."],
    ["an empty body", { body: "" }, "body", "본문을 입력해 주세요."],
    ["a body of blank lines", { body: "\n \n" }, "body", "본문을 입력해 주세요."],
    [
      "a body one byte over 64 KiB",
      { body: "a".repeat(BODY_MAX_BYTES + 1) },
      "body",
      "본문은 64KB 이하로 입력해 주세요.",
    ],
    [
      "a Korean body over 64 KiB",
      { body: "가".repeat(Math.ceil(BODY_MAX_BYTES / 3) + 1) },
      "body",
      "본문은 64KB 이하로 입력해 주세요.",
    ],
    ["quotes nested 10,000 deep", { body: ">".repeat(10000) }, "body", NESTING_TOO_DEEP_MESSAGE],
    ["lists nested 30,000 deep", { body: "* ".repeat(30000) + "a" }, "body", NESTING_TOO_DEEP_MESSAGE],
    ["64 KiB of *a", { body: "*a".repeat(BODY_MAX_BYTES / 2) }, "body", UNSPACED_RUN_TOO_LONG_MESSAGE],
    ["no category", { category: "" }, "category", "카테고리를 골라 주세요."],
    ["an unknown category", { category: "nope" }, "category", "이 게시판에 없는 카테고리입니다."],
    ["another board's category", { category: "chat" }, "category", "이 게시판에 없는 카테고리입니다."],
    ["the admin-only category 이벤트", { category: "event" }, "category", ADMIN_ONLY_CATEGORY_MESSAGE],
  ])("refuses %s with 400, a Korean message and the input kept", async (_name, change, field, message) => {
    const before = await postCount();
    const fields = { ...goodPost, ...change };
    const answer = await write(fields, memberCookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors[field]).toBe(message);
    expect(payloadOf(answer).values).toEqual({ category: fields.category, title: fields.title, body: fields.body });
    expect(await postCount()).toBe(before);
  });

  it("refuses to preview a body past the Markdown bounds: 400, the message and the input kept", async () => {
    const body = "> ".repeat(21) + "너무 깊은 인용";
    const answer = await write({ ...goodPost, intent: "preview", body }, memberCookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer)).toEqual({
      values: { category: goodPost.category, title: goodPost.title, body },
      fieldErrors: { body: NESTING_TOO_DEEP_MESSAGE },
      previewHtml: null,
    });
  });

  it("accepts a 200-character title (counted in characters) and a body of exactly 64 KiB", async () => {
    const title = "😀".repeat(200);
    const body = "가".repeat((BODY_MAX_BYTES - 1) / 3) + "a";
    expect(Buffer.byteLength(body)).toBe(BODY_MAX_BYTES);
    const postId = await writePost({ title, body });
    const stored = await storedPost(postId);
    expect(stored.title).toBe(title);
    expect(stored.body_md).toBe(body);
  });

  it("answers 413 for an oversize request and writes nothing", async () => {
    const before = await postCount();
    const answer = await write({ ...goodPost, body: "a".repeat(POST_FORM_MAX_BYTES) }, memberCookie);
    expect(answer.status).toBe(413);
    expect(await postCount()).toBe(before);
  });

  it("answers 400, not 500, for a body that is not a form", async () => {
    const request = new Request(`${ORIGIN}/square/write`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json", Cookie: memberCookie },
      body: JSON.stringify(goodPost),
    });
    const answer = await callRoute(db, writeAction, request, { board: "square" });
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors.title).toBeTruthy();
  });

  it("lets an admin post in 이벤트", async () => {
    const postId = await writePost({ category: "event" }, adminCookie);
    expect((await storedPost(postId)).category_id).toBe(await categoryId("event"));
    await expectPostCountersTrue();
  });

  it("writes on any board, such as talk", async () => {
    const postId = await writePost({ category: "chat" }, memberCookie, "talk");
    expect((await storedPost(postId)).category_id).toBe(await categoryId("chat"));
  });

  it("sends a logged-out writer to log in and writes nothing", async () => {
    const before = await postCount();
    const answer = await write(goodPost);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/square/write" })}`);
    expect(await postCount()).toBe(before);
  });

  it("refuses a cross-origin post with 403 and writes nothing", async () => {
    const before = await postCount();
    const request = formPost("/square/write", goodPost, memberCookie);
    request.headers.set("Origin", "http://evil.example");
    expect((await callRoute(db, writeAction, request, { board: "square" })).status).toBe(403);

    const crossSite = formPost("/square/write", goodPost, memberCookie);
    crossSite.headers.delete("Origin");
    crossSite.headers.set("Sec-Fetch-Site", "cross-site");
    expect((await callRoute(db, writeAction, crossSite, { board: "square" })).status).toBe(403);
    expect(await postCount()).toBe(before);
  });
});

describe("editing a post", () => {
  let postId: number;
  beforeEach(async () => {
    postId = await writePost();
  });

  it("shows the author the form with the post's Markdown", async () => {
    const answer = await callRoute(db, editPage, pageGet(`/square/${postId}/edit`, memberCookie), {
      board: "square",
      postId: String(postId),
    });
    expect(answer.data.post).toEqual({ id: postId, category: "news", title: goodPost.title, body: goodPost.body });
  });

  it("answers 403 to another member and 404 for a missing post or the wrong board", async () => {
    const params = { board: "square", postId: String(postId) };
    expect((await callRoute(db, editPage, pageGet(`/square/${postId}/edit`, otherCookie), params)).status).toBe(403);
    expect((await callRoute(db, editPage, pageGet(`/square/${postId}/edit`, adminCookie), params)).status).toBe(200);
    const missing = { board: "square", postId: "999999999" };
    expect((await callRoute(db, editPage, pageGet("/square/999999999/edit", memberCookie), missing)).status).toBe(404);
    const wrongBoard = { board: "talk", postId: String(postId) };
    expect((await callRoute(db, editPage, pageGet(`/talk/${postId}/edit`, memberCookie), wrongBoard)).status).toBe(404);
    const junk = { board: "square", postId: "12abc" };
    expect((await callRoute(db, editPage, pageGet("/square/12abc/edit", memberCookie), junk)).status).toBe(404);
  });

  it("saves the author's change, re-renders the HTML and moves the category counters", async () => {
    const before = await counters();
    const answer = await edit(
      postId,
      { category: "tips", title: "고친 제목", body: "*고친* 본문", intent: "save" },
      memberCookie,
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe(`/square/${postId}`);
    expect(await storedPost(postId)).toMatchObject({
      title: "고친 제목",
      body_md: "*고친* 본문",
      body_html: "<p><em>고친</em> 본문</p>\n",
      category_id: await categoryId("tips"),
      author_id: memberId,
    });
    expect(await counters()).toEqual({ ...before, news: before.news - 1, tips: before.tips + 1 });
    await expectPostCountersTrue();
  });

  it("refuses an edit past the Markdown bounds and keeps the stored post", async () => {
    const before = await storedPost(postId);
    const answer = await edit(postId, { ...goodPost, body: "*a".repeat(BODY_MAX_BYTES / 2) }, memberCookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors.body).toBe(UNSPACED_RUN_TOO_LONG_MESSAGE);
    expect(await storedPost(postId)).toEqual(before);
  });

  it("previews an edit without saving it", async () => {
    const answer = await edit(postId, { ...goodPost, body: "미리 *보기*", intent: "preview" }, memberCookie);
    expect(answer.status).toBe(200);
    expect(payloadOf(answer).previewHtml).toBe("<p>미리 <em>보기</em></p>\n");
    expect((await storedPost(postId)).body_md).toBe(goodPost.body);
  });

  it("refuses bad input with 400, keeps the input and changes nothing", async () => {
    const before = await storedPost(postId);
    const answer = await edit(postId, { ...goodPost, title: "", body: "남겨 둘 본문" }, memberCookie);
    expect(answer.status).toBe(400);
    expect(payloadOf(answer).fieldErrors.title).toBe("제목을 입력해 주세요.");
    expect(payloadOf(answer).values.body).toBe("남겨 둘 본문");
    const member = await edit(postId, { ...goodPost, category: "event" }, memberCookie);
    expect(member.status).toBe(400);
    expect(payloadOf(member).fieldErrors.category).toBe(ADMIN_ONLY_CATEGORY_MESSAGE);
    expect(await storedPost(postId)).toEqual(before);
  });

  it("answers 403 to another member and changes nothing", async () => {
    const before = await storedPost(postId);
    const answer = await edit(postId, { ...goodPost, title: "남의 글 고치기" }, otherCookie);
    expect(answer.status).toBe(403);
    expect(await storedPost(postId)).toEqual(before);
  });

  it("lets an admin edit anyone's post, keeping its author", async () => {
    const answer = await edit(postId, { ...goodPost, title: "관리자가 고침" }, adminCookie);
    expect(answer.status).toBe(303);
    expect(await storedPost(postId)).toMatchObject({ title: "관리자가 고침", author_id: memberId });
  });

  it("refuses cross-origin and logged-out edits", async () => {
    const before = await storedPost(postId);
    const request = formPost(`/square/${postId}/edit`, { ...goodPost, title: "위조" }, memberCookie);
    request.headers.set("Origin", "http://evil.example");
    expect((await callRoute(db, editAction, request, { board: "square", postId: String(postId) })).status).toBe(403);
    const loggedOut = await edit(postId, { ...goodPost, title: "로그아웃" });
    expect(loggedOut.status).toBe(303);
    expect(loggedOut.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await storedPost(postId)).toEqual(before);
  });

  it("keeps the category counters exact when edits move posts between categories at the same time", async () => {
    const postIds = [await writePost({ category: "news" }), await writePost({ category: "tips" })];
    const [news, tips] = [await categoryId("news"), await categoryId("tips")];
    // Two posts swap categories over and over, each edit racing the others.
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        updatePost(
          db,
          postIds[i % 2],
          { id: memberId, role: "member" },
          {
            categoryId: (i >> 1) % 2 === 0 ? tips : news,
            title: `경주 ${i}`,
            bodyMd: "본문",
          },
        ),
      ),
    );
    await expectPostCountersTrue();
  });
});

describe("deleting a post", () => {
  let postId: number;
  beforeEach(async () => {
    postId = await writePost({ category: "info" });
  });

  it("answers 403 to another member and changes nothing", async () => {
    const before = await counters();
    expect((await deleteRequest(postId, otherCookie)).status).toBe(403);
    expect((await storedPost(postId)).deleted_at).toBeNull();
    expect(await counters()).toEqual(before);
  });

  it("soft-deletes the author's post: data kept, gone from pages and lists, counters down", async () => {
    const before = await counters();
    const answer = await deleteRequest(postId, memberCookie);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toBe("/square");

    const stored = await storedPost(postId);
    expect(stored.deleted_at).toEqual(expect.any(Number));
    expect(stored.body_md).toBe(goodPost.body);
    expect(await counters()).toEqual({ ...before, board: before.board - 1, info: before.info - 1 });
    await expectPostCountersTrue();

    expect((await viewPost(postId, memberCookie)).status).toBe(404);
    const params = { board: "square", postId: String(postId) };
    expect((await callRoute(db, editPage, pageGet(`/square/${postId}/edit`, memberCookie), params)).status).toBe(404);
    const list = await callRoute(db, boardPage, pageGet("/square"), { board: "square" });
    expect(list.data.list!.listing.posts.map((p: { id: number }) => p.id)).not.toContain(postId);
    expect((await edit(postId, goodPost, memberCookie)).status).toBe(404);
    expect((await deleteRequest(postId, memberCookie)).status).toBe(404);
    expect(await counters()).toEqual({ ...before, board: before.board - 1, info: before.info - 1 });
  });

  it("lets an admin delete anyone's post", async () => {
    expect((await deleteRequest(postId, adminCookie)).status).toBe(303);
    expect((await storedPost(postId)).deleted_at).not.toBeNull();
    await expectPostCountersTrue();
  });

  it("refuses a cross-origin delete", async () => {
    const request = formPost(`/square/${postId}`, { intent: "delete" }, memberCookie);
    request.headers.set("Origin", "http://evil.example");
    expect((await callRoute(db, postAction, request, { board: "square", postId: String(postId) })).status).toBe(403);
    expect((await storedPost(postId)).deleted_at).toBeNull();
  });

  it("sends a logged-out reader to log in", async () => {
    const answer = await deleteRequest(postId);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await storedPost(postId)).deleted_at).toBeNull();
  });
});

describe("who a post page names as its author", () => {
  it("shows 마당 손님 on the anonymous square, and the username to admins", async () => {
    const postId = await writePost();
    expect((await viewPost(postId)).data.post.authorName).toBe("마당 손님");
    expect((await viewPost(postId, memberCookie)).data.post.authorName).toBe("마당 손님");
    expect((await viewPost(postId, adminCookie)).data.post.authorName).toBe("writer");
  });

  it("shows the username on talk, which is not anonymous", async () => {
    const postId = await writePost({ category: "qna" }, memberCookie, "talk");
    expect((await viewPost(postId, undefined, "talk")).data.post.authorName).toBe("writer");
  });
});
