import type { Locator } from "playwright-core";
import { formToggle, isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { createUser } from "../integration/support/board-fixtures";
import { reportItem } from "~/models/reports.server";
import { KAKAO_POST_ID } from "../helpers/square-posts";

const board = useBoardInBrowser();

const LUNCH_POST_ID = 201;
const LUNCH_TITLE = "오늘 점심 뭐 드셨어요?";
const MARKDOWN_POST_ID = 202;
const MARKDOWN_TITLE = "마크다운으로 글 쓸 때 줄바꿈은 어떻게 하나요?";
const MARKDOWN_BODY = "엔터를 한 번 치면 줄이 안 바뀌더라고요.";
const MOVIE_POST_ID = 203;
const MOVIE_TITLE = "주말에 본 영화 추천합니다";
const BLINDED_POST_TEXT = "신고가 누적되어 블라인드 처리된 글입니다";

async function reportsOf(postId: number) {
  return board
    .openDatabase()
    .selectFrom("reports")
    .select(["comment_id", "reason", "detail"])
    .where("post_id", "=", postId)
    .orderBy("id")
    .execute();
}

/** Whether focus is on the first reason of the report form in `scope`, where opening 신고 puts it. */
function firstReasonFocused(scope: Locator): Promise<boolean> {
  return scope
    .getByRole("radio")
    .first()
    .evaluate((radio) => radio === document.activeElement);
}

describe("reporting", () => {
  it("with JavaScript, a member reports a post and a comment in place and sees the confirmations", async () => {
    const page = await board.newMemberPage("js_reporter");
    await page.goto(`/square/${KAKAO_POST_ID}`);
    await waitForHydration(page);
    await markDocument(page);
    const url = page.url();
    const article = page.locator("article.post");
    const toggle = formToggle(article, "button", "신고");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    // Opened in place, focus on its first reason, for a keyboard reader to choose.
    await expect.poll(() => firstReasonFocused(article)).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(page.url()).toBe(url);
    await article.getByLabel("광고/도배").check();
    await article.getByRole("button", { name: "신고하기" }).click();
    await article.getByRole("status").filter({ hasText: "신고가 접수되었습니다." }).waitFor();
    expect(page.url()).toBe(url);
    expect(await isSameDocument(page)).toBe(true);
    expect(await toggle.count()).toBe(0);

    // A comment's 신고 the same way: opened in place, closed by a second press, sent in place.
    const comment = page.locator("li.comment").first();
    const commentId = Number((await comment.getAttribute("id"))!.replace("comment-", ""));
    const commentReport = comment.locator(":scope > .report");
    const commentToggle = formToggle(comment, "button", "신고");
    await commentToggle.click();
    await expect.poll(() => firstReasonFocused(commentReport)).toBe(true);
    await commentToggle.click();
    expect(await commentReport.locator("form").count()).toBe(0);
    await commentToggle.click();
    await commentReport.getByLabel("욕설/비방").check();
    await commentReport.getByRole("button", { name: "신고하기" }).click();
    // The confirmation takes the place of 신고 and its form.
    await comment.locator(":scope > [role=status]", { hasText: "신고가 접수되었습니다." }).waitFor();
    expect(await commentToggle.count()).toBe(0);
    expect(page.url()).toBe(url);
    expect(await isSameDocument(page)).toBe(true);
    expect(await reportsOf(KAKAO_POST_ID)).toEqual([
      { comment_id: null, reason: "spam", detail: "" },
      { comment_id: commentId, reason: "abuse", detail: "" },
    ]);
  });

  it("without JavaScript, a member reports a comment: 기타 without words comes back with its input, then goes through", async () => {
    const page = await board.newMemberPage("plain_reporter", { javaScriptEnabled: false });
    await page.goto(`/square/${KAKAO_POST_ID}`);
    const comment = page.locator("li.comment").first();
    const commentId = Number((await comment.getAttribute("id"))!.replace("comment-", ""));
    expect(await page.locator(".report__form").count()).toBe(0);
    await formToggle(comment, "link", "신고").click();
    await page.waitForURL(new RegExp(`/square/${KAKAO_POST_ID}\\?report=${commentId}#comment-${commentId}$`));
    // The one form asked for, of this comment alone.
    expect(await page.locator(".report__form").count()).toBe(1);
    expect(await formToggle(comment, "link", "신고").getAttribute("aria-expanded")).toBe("true");
    await comment.getByLabel("기타", { exact: true }).first().check();
    const refused = page.waitForResponse((response) => response.request().method() === "POST");
    await comment.getByRole("button", { name: "신고하기" }).first().click();
    expect((await refused).status()).toBe(400);

    const again = page.locator(`#comment-${commentId}`);
    await again.getByText("기타 사유를 입력해 주세요.").waitFor();
    expect(await again.getByLabel("기타", { exact: true }).first().isChecked()).toBe(true);
    await again.getByLabel("신고 내용 (기타는 꼭 적어 주세요)").first().fill("같은 말을 여러 번 씁니다");
    await again.getByRole("button", { name: "신고하기" }).first().click();
    await page.locator(`#comment-${commentId}`).getByText("신고가 접수되었습니다.").waitFor();
    expect(await reportsOf(KAKAO_POST_ID)).toContainEqual({
      comment_id: commentId,
      reason: "other",
      detail: "같은 말을 여러 번 씁니다",
    });
  });

  // The page offers no report form on one's own post; a hand-made POST still gets its reason on the page.
  it("refuses a member's report of their own post with a Korean message on the page, and stores nothing", async () => {
    const page = await board.newMemberPage("self_reporter", { javaScriptEnabled: false });
    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("news");
    await page.getByLabel("제목").fill("내가 쓴 글");
    await page.getByLabel("본문").fill("스스로 신고해 봅니다");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/square\/\d+$/);
    const postId = Number(new URL(page.url()).pathname.split("/").at(-1));
    expect(await page.locator(".report").count()).toBe(0);
    expect(await page.getByRole("link", { name: "신고", exact: true }).count()).toBe(0);
    const answer = await page.request.post(`/square/${postId}`, {
      form: { intent: "report", reason: "spam" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toContain(`role="alert">내가 쓴 글은 신고할 수 없습니다.</p>`);
    expect(await reportsOf(postId)).toEqual([]);
  });

  it("a post reaching the threshold is blinded at once, in the lists, the page's HTML and its .data", async () => {
    const db = board.openDatabase();
    await db.updateTable("boards").set({ report_threshold: 1 }).where("slug", "=", "talk").execute();
    const get = async (path: string) => (await fetch(`${board.baseUrl}${path}`)).text();
    // A logged-out reader's list page, now in the shared cache.
    expect(await get("/talk")).toContain(MARKDOWN_TITLE);

    const member = await board.newMemberPage("threshold_reporter");
    await member.goto(`/talk/${MARKDOWN_POST_ID}`);
    await waitForHydration(member);
    const article = member.locator("article.post");
    await formToggle(article, "button", "신고").click();
    await article.getByLabel("분란 조장").check();
    await article.getByRole("button", { name: "신고하기" }).click();
    await article.getByText("신고가 접수되었습니다.").waitFor();
    // The reporter's own page is revalidated: the post is blinded for them too, the confirmation stays.
    await article.locator("h1", { hasText: BLINDED_POST_TEXT }).waitFor();
    await article.getByText("신고가 접수되었습니다.").waitFor();

    for (const path of [`/talk`, `/talk.data`, `/talk/${MARKDOWN_POST_ID}`, `/talk/${MARKDOWN_POST_ID}.data`, "/"]) {
      const text = await get(path);
      expect(text, path).not.toContain(MARKDOWN_TITLE);
      expect(text, path).not.toContain(MARKDOWN_BODY);
    }
    expect(await get("/talk")).toContain(BLINDED_POST_TEXT);

    const reader = await board.newPage({ javaScriptEnabled: false });
    await reader.goto(`/talk/${MARKDOWN_POST_ID}`);
    expect(await reader.locator("h1").innerText()).toBe(BLINDED_POST_TEXT);
    expect(await reader.locator("#comments").count()).toBe(0);

    const admin = await board.newMemberPage("blind_checker", { role: "admin" });
    await admin.goto(`/talk/${MARKDOWN_POST_ID}`);
    expect(await admin.locator("h1").innerText()).toBe(MARKDOWN_TITLE);
    await admin.getByRole("note").filter({ hasText: "글쓴이와 관리자에게만 보입니다" }).waitFor();
    await admin.goto("/talk");
    const row = admin.locator("tr", { hasText: MARKDOWN_TITLE });
    expect(await row.locator(".badge--blinded").innerText()).toBe("블라인드");
  });
});

describe("the report queue", () => {
  it("an admin clears the queue: keeps one post blinded and restores another, each written to the log", async () => {
    const db = board.openDatabase();
    await db.updateTable("reports").set({ reviewed_at: 1 }).execute();
    for (const [i, postId] of [LUNCH_POST_ID, MOVIE_POST_ID].entries()) {
      const reporterId = await createUser(db, `queue_reporter${i}`);
      await reportItem(db, { item: { kind: "post", postId }, reporterId, reason: "abuse", detail: `신고 ${i}` });
    }

    const admin = await board.newMemberPage("queue_admin", { role: "admin" });
    await admin.goto("/");
    await admin.getByRole("navigation", { name: "계정" }).getByRole("link", { name: "신고", exact: true }).click();
    await admin.waitForURL(/\/admin\/reports$/);
    await admin.getByRole("heading", { name: "처리할 신고 2건" }).waitFor();

    const lunch = admin.getByRole("article", { name: `글: ${LUNCH_TITLE}` });
    expect(await lunch.innerText()).toContain("[욕설/비방] 신고 0");
    await lunch.getByLabel("처리 사유").fill("욕설이 있음");
    await lunch.getByRole("button", { name: "블라인드 유지" }).click();
    await admin.getByRole("heading", { name: "처리할 신고 1건" }).waitFor();

    await admin
      .getByRole("article", { name: `글: ${MOVIE_TITLE}` })
      .getByRole("button", { name: "복구" })
      .click();
    await admin.getByText("처리할 신고가 없습니다.").waitFor();

    const posts = await db
      .selectFrom("posts")
      .select(["id", "blinded_at", "report_count"])
      .where("id", "in", [LUNCH_POST_ID, MOVIE_POST_ID])
      .orderBy("id")
      .execute();
    expect(posts.map((p) => [p.id, p.blinded_at !== null, p.report_count])).toEqual([
      [LUNCH_POST_ID, true, 1],
      [MOVIE_POST_ID, false, 0],
    ]);

    await admin.getByRole("link", { name: "관리 기록" }).click();
    await admin.waitForURL(/\/admin\/log$/);
    const rows = admin.locator("tbody tr");
    expect(await rows.nth(0).innerText()).toContain("복구");
    expect(await rows.nth(0).innerText()).toContain(MOVIE_TITLE);
    expect(await rows.nth(1).innerText()).toContain("블라인드 유지");
    expect(await rows.nth(1).innerText()).toContain("욕설이 있음");
  });
});
