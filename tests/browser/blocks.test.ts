import type { Page } from "playwright-core";
import { isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { KAKAO_POST_ID } from "../helpers/square-posts";

const board = useBoardInBrowser();

/** Writes a post on a board through its form; returns the new post's id. */
async function writePost(page: Page, boardSlug: string, category: string, title: string) {
  await page.goto(`/${boardSlug}/write`);
  await page.getByLabel("카테고리").selectOption(category);
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("본문").fill("차단 시험 본문");
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(new RegExp(`/${boardSlug}/\\d+$`));
  return Number(new URL(page.url()).pathname.split("/").at(-1));
}

/** Comments on a post; returns where the comment is shown (the post with enough threads) and its id. */
async function writeComment(page: Page, postId: number, body: string) {
  await page.goto(`/square/${postId}`);
  await page.getByLabel("댓글 쓰기").fill(body);
  await page.getByRole("button", { name: "댓글 등록" }).click();
  await page.locator(".comment__body", { hasText: body }).waitFor();
  const { pathname, search, hash } = new URL(page.url());
  return { path: `${pathname}${search}`, commentId: Number(hash.replace("#comment-", "")) };
}

describe("blocking with JavaScript", () => {
  it("blocks a comment's author on the anonymous board in place, lists it by the comment, and undoes it in place", async () => {
    const author = await board.newMemberPage("noisy_js");
    const { path, commentId } = await writeComment(author, KAKAO_POST_ID, "차단될 댓글입니다");

    const page = await board.newMemberPage("blocker_js");
    await page.goto(path);
    await waitForHydration(page);
    await markDocument(page);
    const comment = page.locator(`#comment-${commentId}`);
    // The button asks first: 취소 blocks no one.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await comment.getByRole("button", { name: "차단" }).click();
    expect(await asked).toContain("이 댓글을 쓴 사람을 차단할까요?");
    const db = board.openDatabase();
    expect(await db.selectFrom("blocks").selectAll().execute()).toEqual([]);

    page.on("dialog", (dialog) => void dialog.accept());
    await comment.getByRole("button", { name: "차단" }).click();
    await comment.getByText("차단한 사용자의 댓글입니다").waitFor();
    await page.getByText("차단했습니다.").waitFor();
    expect(await isSameDocument(page)).toBe(true);
    expect(new URL(page.url()).search).not.toContain("blocked");
    expect(await page.locator(".comment__body", { hasText: "차단될 댓글입니다" }).count()).toBe(0);

    await page.getByRole("link", { name: "차단 목록" }).click();
    await page.waitForURL(/\/settings\/blocks$/);
    const entry = page.locator("li.scrap");
    expect(await entry.innerText()).toContain("이 댓글의 작성자: 차단될 댓글입니다");
    expect(await page.content()).not.toContain("noisy_js");
    // Nor in the data Remix loads for client navigations; the post's data holds no body of the collapsed comment.
    const { pathname, search } = new URL(path, board.baseUrl);
    const listData = await (await page.request.get("/settings/blocks.data")).text();
    expect(listData).toContain("차단될 댓글입니다");
    expect(listData).not.toContain("noisy_js");
    const postData = await (await page.request.get(`${pathname}.data${search}`)).text();
    expect(postData).toContain("카카오");
    expect(postData).not.toContain("noisy_js");
    expect(postData).not.toContain("차단될 댓글입니다");
    // Loaded as a whole document this time, so the page also hydrates from the server's HTML.
    await page.goto("/settings/blocks");
    await waitForHydration(page);
    await markDocument(page);
    await entry.getByRole("button", { name: /차단 풀기$/ }).click();
    await page.getByText("차단을 풀었습니다.").waitFor();
    await page.getByText("차단한 사람이 없습니다.").waitFor();
    expect(await isSameDocument(page)).toBe(true);

    await page.goto(path);
    await page.locator(".comment__body", { hasText: "차단될 댓글입니다" }).waitFor();
  });
});

describe("blocking without JavaScript", () => {
  it("blocks a post's author on a named board, hides their posts, and undoes it from the block list", async () => {
    const author = await board.newMemberPage("loud_nojs");
    const title = "차단 시험용 토크 글";
    const postId = await writePost(author, "talk", "chat", title);

    const page = await board.newMemberPage("blocker_nojs", { javaScriptEnabled: false });
    await page.goto(`/talk/${postId}`);
    await page.getByRole("button", { name: "차단" }).click();
    await page.waitForURL(new RegExp(`/talk/${postId}\\?blocked=1$`));
    await page.getByText("차단했습니다.").waitFor();
    await page.getByText("차단한 사용자의 글입니다.").waitFor();
    expect(await page.getByRole("button", { name: "차단" }).count()).toBe(0);

    await page.goto("/talk");
    await page.getByText(/차단한 사용자의 글 1개를 숨겼습니다/).waitFor();
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);

    await page.goto("/settings/blocks");
    const entry = page.locator("li.scrap");
    expect(await entry.innerText()).toContain(`이 글의 작성자 (loud_nojs): ${title}`);
    await entry.getByRole("button", { name: /차단 풀기$/ }).click();
    await page.waitForURL(/\/settings\/blocks\?page=1&unblocked=1$/);
    await page.getByText("차단을 풀었습니다.").waitFor();
    await page.getByText("차단한 사람이 없습니다.").waitFor();

    await page.goto("/talk");
    await page.getByRole("link", { name: title }).waitFor();
  });
});
