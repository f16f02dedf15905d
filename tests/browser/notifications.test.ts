import type { Page } from "playwright-core";
import { formToggle, isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";

const board = useBoardInBrowser();

/** Writes a post on the named board 토크; returns its path. */
async function writePost(page: Page, title: string) {
  await page.goto("/talk/write");
  await page.getByLabel("카테고리").selectOption("chat");
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("본문").fill("알림 시험 본문");
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(/\/talk\/\d+$/);
  return new URL(page.url()).pathname;
}

/** Comments on the post at `path`; returns the new comment's id. */
async function writeComment(page: Page, path: string, body: string) {
  await page.goto(path);
  await page.getByLabel("댓글 쓰기").fill(body);
  await page.getByRole("button", { name: "댓글 등록" }).click();
  await page.locator(".comment__body", { hasText: body }).waitFor();
  return Number(new URL(page.url()).hash.replace("#comment-", ""));
}

/** Whether the comment the notification named has focus and is marked, as landing on it after writing does. */
function landedOn(page: Page, commentId: number) {
  return page.evaluate((id) => {
    const comment = document.getElementById(id);
    return comment !== null && document.activeElement === comment && comment.matches(":target, .comment--landed");
  }, `comment-${commentId}`);
}

function headerLink(page: Page) {
  return page.getByRole("navigation", { name: "계정" }).getByRole("link", { name: /^알림/ });
}

describe("notifications with JavaScript", () => {
  it("shows a reply to the other member's comment in their header, and opening it lands on the reply", async () => {
    const alice = await board.newMemberPage("alice_js");
    const path = await writePost(alice, "답글 알림 시험 글");
    await writeComment(alice, path, "앨리스의 댓글");
    await alice.goto("/");
    expect(await headerLink(alice).innerText()).toBe("알림");

    const bob = await board.newMemberPage("bob_js");
    await bob.goto(path);
    await waitForHydration(bob);
    const aliceComment = bob.locator(".comment", { hasText: "앨리스의 댓글" }).first();
    await formToggle(aliceComment, "button", "답글").click();
    await aliceComment.getByLabel("답글 쓰기").fill("밥의 답글");
    await aliceComment.getByRole("button", { name: "답글 등록" }).click();
    await bob.locator(".comment__replies .comment__body", { hasText: "밥의 답글" }).waitFor();
    const replyId = Number(new URL(bob.url()).hash.replace("#comment-", ""));
    // The one who acted is not told of their own reply.
    expect(await headerLink(bob).innerText()).toBe("알림");

    await alice.goto("/");
    await waitForHydration(alice);
    await markDocument(alice);
    const link = alice.getByRole("link", { name: "알림 1개 안 읽음" });
    expect(await link.innerText()).toBe("알림 1");
    await link.click();
    await alice.waitForURL(/\/notifications$/);
    await alice.getByRole("link", { name: "bob_js님이 내 댓글에 답글을 달았습니다" }).click();
    await alice.waitForURL(new RegExp(`${path}\\?comments=20#comment-${replyId}$`));
    await alice.locator(`#comment-${replyId}`, { hasText: "밥의 답글" }).waitFor();
    await expect.poll(() => landedOn(alice, replyId)).toBe(true);
    await alice.getByRole("link", { name: "알림, 안 읽은 알림 없음" }).waitFor();
    expect(await isSameDocument(alice)).toBe(true);
    expect(await headerLink(alice).innerText()).toBe("알림");
  });
});

describe("notifications without JavaScript", () => {
  it("shows a comment on the other member's post in their header, opens it, and reads the rest with 모두 읽음", async () => {
    const alice = await board.newMemberPage("alice_nojs", { javaScriptEnabled: false });
    const path = await writePost(alice, "댓글 알림 시험 글");
    const bob = await board.newMemberPage("bob_nojs", { javaScriptEnabled: false });
    const commentId = await writeComment(bob, path, "밥의 첫 댓글");

    await alice.goto("/talk");
    const link = alice.getByRole("link", { name: "알림 1개 안 읽음" });
    expect(await link.innerText()).toBe("알림 1");
    await link.click();
    await alice.waitForURL(/\/notifications$/);
    await alice.getByRole("link", { name: "bob_nojs님이 내 글에 댓글을 달았습니다" }).click();
    await alice.waitForURL(new RegExp(`${path}\\?comments=20#comment-${commentId}$`));
    await alice.locator(`#comment-${commentId}`, { hasText: "밥의 첫 댓글" }).waitFor();
    await expect.poll(() => landedOn(alice, commentId)).toBe(true);
    expect(await headerLink(alice).innerText()).toBe("알림");

    // Two more comments while unread collapse into one line.
    await writeComment(bob, path, "밥의 둘째 댓글");
    await writeComment(bob, path, "밥의 셋째 댓글");
    await alice.goto("/notifications");
    expect(await headerLink(alice).innerText()).toBe("알림 1");
    await alice.getByRole("link", { name: "내 글에 새 댓글 2개" }).waitFor();
    await alice.getByRole("button", { name: "모두 읽음" }).click();
    await alice.waitForURL(/\/notifications\?read=all$/);
    await alice.getByText("알림을 모두 읽었습니다.").waitFor();
    expect(await headerLink(alice).innerText()).toBe("알림");
  });
});
