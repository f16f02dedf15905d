import type { Page } from "playwright-core";
import { formToggle, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { insertSquarePost } from "../helpers/square-posts";

const board = useBoardInBrowser();

const THREADS = 30;
const VIEWPORTS = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

const SCRIPT_MODES = [
  { script: "with JavaScript", javaScriptEnabled: true },
  { script: "without JavaScript", javaScriptEnabled: false },
];

/** A post on 스퀘어 with THREADS comment threads, more than the first page of 20 shows. */
async function arrangeLongThread(): Promise<number> {
  const db = board.openDatabase();
  const { postId, authorId } = await insertSquarePost(db, {
    title: "댓글이 많은 글",
    bodyHtml: "<p>댓글이 많습니다.</p>",
    extra: { comment_count: THREADS },
  });
  const now = Date.now();
  await db
    .insertInto("comments")
    .values(
      Array.from({ length: THREADS }, (_, i) => ({
        post_id: postId,
        author_id: authorId,
        body: `먼저 달린 댓글 ${i + 1}\n둘째 줄\n셋째 줄`,
        is_anonymous: 0,
        created_at: now + i,
      })),
    )
    .execute();
  return postId;
}

/** Where the page put the reader: the comment the address names, whether it is on screen, focused and marked. */
async function landing(page: Page) {
  return page.evaluate(() => {
    const id = location.hash.slice(1);
    const comment = document.getElementById(id);
    const box = comment?.getBoundingClientRect();
    return {
      id,
      // Its top on screen: a browser scrolling to it aligns it with the top, to a fraction of a pixel.
      inViewport: box !== undefined && box.top > -1 && box.top < window.innerHeight,
      focused: comment !== null && document.activeElement === comment,
      marked: comment?.matches(":target, .comment--landed") ?? false,
    };
  });
}

async function expectLandedOn(page: Page, text: string) {
  await expect
    .poll(() => landing(page))
    .toMatchObject({ id: expect.any(String), inViewport: true, focused: true, marked: true });
  const { id } = await landing(page);
  expect(await page.locator(`[id="${id}"]`).innerText()).toContain(text);
}

describe.each(VIEWPORTS)("landing on a comment ($name)", ({ viewport }) => {
  describe.each(SCRIPT_MODES)("$script", ({ javaScriptEnabled }) => {
    it("shows, focuses and marks the comment the member wrote, answered or deleted", async () => {
      const postId = await arrangeLongThread();
      const page = await board.newMemberPage(`landing${viewport.width}${javaScriptEnabled ? "js" : "plain"}`, {
        viewport,
        javaScriptEnabled,
      });
      page.on("dialog", (dialog) => dialog.accept());
      await page.goto(`/square/${postId}`);
      if (javaScriptEnabled) await waitForHydration(page);

      await page.getByLabel("댓글 쓰기").fill("새로 쓴 댓글");
      await page.getByRole("button", { name: "댓글 등록" }).click();
      await page.waitForURL(new RegExp(`/square/${postId}\\?comments=40#comment-\\d+$`));
      await expectLandedOn(page, "새로 쓴 댓글");
      const written = page.locator("li.comment", { hasText: "새로 쓴 댓글" });

      await page.evaluate(() => window.scrollTo(0, 0));
      const first = page.locator("li.comment", { hasText: "먼저 달린 댓글 1\n" }).first();
      await formToggle(first, javaScriptEnabled ? "button" : "link", "답글").click();
      await first.getByLabel("답글 쓰기").fill("첫 댓글에 단 답글");
      await first.getByRole("button", { name: "답글 등록" }).click();
      await page.waitForURL(new RegExp(`/square/${postId}\\?comments=20#comment-\\d+$`));
      await expectLandedOn(page, "첫 댓글에 단 답글");

      await page.goto(`/square/${postId}?comments=40`);
      if (javaScriptEnabled) await waitForHydration(page);
      await written.getByRole("button", { name: "삭제" }).click();
      await page.waitForURL(new RegExp(`/square/${postId}\\?comments=40#comment-\\d+$`));
      await expectLandedOn(page, "삭제된 댓글입니다");
    });
  });
});

describe.each(SCRIPT_MODES)("a link to a comment from 내 정보 ($script)", ({ javaScriptEnabled }) => {
  it("shows, focuses and marks the comment past the first page of threads", async () => {
    const postId = await arrangeLongThread();
    const username = `landinglink${javaScriptEnabled ? "js" : "plain"}`;
    const page = await board.newMemberPage(username, { viewport: VIEWPORTS[0].viewport, javaScriptEnabled });
    const db = board.openDatabase();
    const member = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow();
    await db
      .insertInto("comments")
      .values({
        post_id: postId,
        author_id: member.id,
        body: "내 정보에서 찾은 댓글",
        is_anonymous: 0,
        created_at: Date.now(),
      })
      .execute();
    await db
      .updateTable("posts")
      .set({ comment_count: THREADS + 1 })
      .where("id", "=", postId)
      .execute();

    await page.goto("/me?tab=comments");
    if (javaScriptEnabled) await waitForHydration(page);
    await page.getByRole("link", { name: "내 정보에서 찾은 댓글" }).click();
    await page.waitForURL(new RegExp(`/square/${postId}\\?comments=40#comment-\\d+$`));
    await expectLandedOn(page, "내 정보에서 찾은 댓글");
  });
});
