import type { Locator, Page } from "playwright-core";
import { formToggle, isSameDocument, markDocument, useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { KAKAO_POST_ID } from "../helpers/square-posts";

const board = useBoardInBrowser();

async function logIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("아이디").fill(username);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
}

/** Fills the write form and posts it; returns the new post's id from the page it lands on. */
async function writePost(page: Page, { category, title, body }: { category: string; title: string; body: string }) {
  await page.goto("/square/write");
  await page.getByLabel("카테고리").selectOption(category);
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("본문").fill(body);
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(/\/square\/\d+$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return Number(new URL(page.url()).pathname.split("/").at(-1));
}

async function addComment(page: Page, body: string) {
  await page.getByLabel("댓글 쓰기").fill(body);
  await page.getByRole("button", { name: "댓글 등록" }).click();
  await page.locator(".comment__body", { hasText: body }).waitFor();
}

function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

function commentIdOf(comment: Locator): Promise<number> {
  return comment.getAttribute("id").then((id) => Number(id!.replace("comment-", "")));
}

function commentItem(page: Page, text: string) {
  return page.locator("li.comment", {
    has: page.locator(":scope > .comment__meta + .comment__body", { hasText: text }),
  });
}

const MARKDOWN_BODY = [
  "## 소제목",
  "",
  "**굵게** 그리고 *기울임*",
  "",
  "- 하나",
  "- 둘",
  "",
  "> 인용",
  "",
  "[링크](https://example.com)",
].join("\n");

describe("writing with JavaScript", () => {
  it("signs up, previews and posts Markdown, sees it rendered and listed, comments, replies, edits and deletes", async () => {
    const page = await board.newMemberPage("writer_js");
    page.on("dialog", (dialog) => void dialog.accept());

    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("info");
    await page.getByLabel("제목").fill("마크다운 첫 글");
    await page.getByLabel("본문").fill(MARKDOWN_BODY);
    await page.getByRole("button", { name: "미리보기" }).click();
    await page.locator(".preview strong", { hasText: "굵게" }).waitFor();
    expect(await page.getByLabel("제목").inputValue()).toBe("마크다운 첫 글");
    expect(await page.getByLabel("본문").inputValue()).toBe(MARKDOWN_BODY);

    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/square\/\d+$/);
    await page.getByRole("heading", { level: 1, name: "마크다운 첫 글" }).waitFor();
    const postId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const body = page.locator(".post-body");
    expect(await body.locator("h2").innerText()).toBe("소제목");
    expect(await body.locator("strong").innerText()).toBe("굵게");
    expect(await body.locator("em").innerText()).toBe("기울임");
    expect(await body.locator("li").allInnerTexts()).toEqual(["하나", "둘"]);
    expect(await body.locator("blockquote").innerText()).toBe("인용");
    expect(await body.getByRole("link", { name: "링크" }).getAttribute("rel")).toBe("nofollow ugc noopener");
    expect(await page.locator(".post-meta span").first().innerText()).toBe("마당 손님");

    await page.goto("/square");
    await page.getByRole("link", { name: "마크다운 첫 글" }).click();
    await page.waitForURL(new RegExp(`/square/${postId}`));
    await waitForHydration(page);
    await markDocument(page);

    await addComment(page, "첫 댓글입니다");
    expect(await commentItem(page, "첫 댓글입니다").locator(".comment__op").innerText()).toBe("글쓴이");
    await expect.poll(() => page.locator("#comments-title").innerText()).toBe("댓글 1");
    await expect.poll(() => page.getByLabel("댓글 쓰기").inputValue()).toBe("");

    const first = commentItem(page, "첫 댓글입니다");
    const replyToggle = formToggle(first, "button", "답글");
    expect(await replyToggle.getAttribute("aria-expanded")).toBe("false");
    await replyToggle.click();
    await first.getByLabel("답글 쓰기").fill("답글입니다");
    await first.getByRole("button", { name: "답글 등록" }).click();
    await first.locator(".comment__replies .comment__body", { hasText: "답글입니다" }).waitFor();
    await expect.poll(() => page.locator("#comments-title").innerText()).toBe("댓글 2");
    // Sent, the reply form closes; opened again, it starts empty.
    await expect.poll(() => replyToggle.getAttribute("aria-expanded")).toBe("false");
    expect(await first.getByLabel("답글 쓰기").count()).toBe(0);
    await replyToggle.click();
    expect(await first.getByLabel("답글 쓰기").inputValue()).toBe("");
    await replyToggle.click();
    expect(await first.getByLabel("답글 쓰기").count()).toBe(0);

    await page.getByRole("button", { name: "댓글 등록" }).click();
    await page.getByText("댓글 내용을 입력해 주세요.").waitFor();

    await commentItem(page, "답글입니다").getByRole("button", { name: "삭제" }).click();
    await page.getByText("삭제된 댓글입니다").waitFor();
    await expect.poll(() => page.locator("#comments-title").innerText()).toBe("댓글 1");
    expect(await isSameDocument(page)).toBe(true);

    await page.getByRole("link", { name: "수정" }).click();
    await page.getByLabel("제목").fill("고친 제목");
    await page.getByLabel("본문").fill("*고친* 본문");
    await page.getByRole("button", { name: "수정" }).click();
    await page.waitForURL(new RegExp(`/square/${postId}$`));
    await page.getByRole("heading", { level: 1, name: "고친 제목" }).waitFor();
    expect(await page.locator(".post-body em").innerText()).toBe("고친");

    await page.getByRole("button", { name: "삭제" }).first().click();
    await page.waitForURL(/\/square$/);
    // The address changes before React paints the list; the post page's own list still names the post until then.
    await page.getByRole("heading", { level: 1, name: "스퀘어" }).waitFor();
    expect(await page.getByRole("link", { name: "고친 제목" }).count()).toBe(0);
    const gone = await page.goto(`/square/${postId}`);
    expect(gone?.status()).toBe(404);
  });

  it("keeps the form and shows a Korean message for a missing title", async () => {
    const page = await board.newMemberPage("long_title");
    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("info");
    await page.getByLabel("본문").fill("본문은 남습니다");
    await page.getByRole("button", { name: "등록" }).click();
    await page.getByText("제목을 입력해 주세요.").waitFor();
    expect(await page.getByLabel("본문").inputValue()).toBe("본문은 남습니다");
    expect(await page.getByLabel("카테고리").inputValue()).toBe("info");
  });

  it("shows another member's new comment and reply through 새 댓글 확인하기 without reloading", async () => {
    const reader = await board.newMemberPage("reader_a");
    const postId = await writePost(reader, { category: "info", title: "새 댓글 기다리는 글", body: "본문" });
    await addComment(reader, "먼저 쓴 댓글");
    await waitForHydration(reader);
    await markDocument(reader);

    const other = await board.newMemberPage("writer_b");
    await other.goto(`/square/${postId}`);
    await waitForHydration(other);
    await addComment(other, "다른 사람의 새 댓글");
    const first = commentItem(other, "먼저 쓴 댓글");
    await formToggle(first, "button", "답글").click();
    await first.getByLabel("답글 쓰기").fill("다른 사람의 답글");
    await first.getByRole("button", { name: "답글 등록" }).click();
    await first.locator(".comment__replies .comment__body", { hasText: "다른 사람의 답글" }).waitFor();

    expect(await reader.getByText("다른 사람의 새 댓글").count()).toBe(0);
    await reader.getByLabel("댓글 쓰기").fill("쓰는 중인 초안");
    await reader.getByRole("button", { name: "새 댓글 확인하기" }).click();
    await reader.locator(".comment__body", { hasText: "다른 사람의 새 댓글" }).waitFor();
    expect(await reader.getByLabel("댓글 쓰기").inputValue()).toBe("쓰는 중인 초안");
    expect(await commentItem(reader, "먼저 쓴 댓글").locator(".comment__replies").innerText()).toContain(
      "다른 사람의 답글",
    );
    await expect.poll(() => reader.locator("#comments-title").innerText()).toBe("댓글 3");
    expect(await commentItem(reader, "다른 사람의 새 댓글").locator(".comment__author").innerText()).toBe("마당 손님");
    expect(await isSameDocument(reader)).toBe(true);

    await reader.getByRole("button", { name: "새 댓글 확인하기" }).click();
    await reader.getByText("새 댓글이 없습니다.").waitFor();
    expect(await reader.locator("li.comment").count()).toBe(3);
  });

  it("opens 답글 in place: no navigation or data request, focus in its box, closed by a second press, Enter and Space both", async () => {
    const page = await board.newMemberPage("reply_in_place");
    await writePost(page, { category: "info", title: "제자리 답글 시험 글", body: "본문" });
    await addComment(page, "답글 받을 댓글");
    await waitForHydration(page);
    await markDocument(page);
    const url = page.url();
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });

    const comment = commentItem(page, "답글 받을 댓글");
    const toggle = formToggle(comment, "button", "답글");
    const box = comment.getByLabel("답글 쓰기");
    await toggle.click();
    await expect.poll(() => isFocused(box)).toBe(true);
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await toggle.getAttribute("aria-controls")).toBe(await comment.locator(".comment-form").getAttribute("id"));
    await toggle.click();
    expect(await box.count()).toBe(0);
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");

    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => isFocused(box)).toBe(true);
    await toggle.focus();
    await page.keyboard.press("Space");
    expect(await box.count()).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => isFocused(box)).toBe(true);
    expect(page.url()).toBe(url);
    expect(dataRequests).toEqual([]);

    await page.keyboard.type("제자리에서 쓴 답글");
    await comment.getByRole("button", { name: "답글 등록" }).click();
    await comment.locator(".comment__replies .comment__body", { hasText: "제자리에서 쓴 답글" }).waitFor();
    expect(await isSameDocument(page)).toBe(true);
  });

  it("runs no script from a hostile post, title or comment", async () => {
    const page = await board.newMemberPage("xss_probe");
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const hostile = [
      "<script>window.__xss=1</script>",
      '<img src=x onerror="window.__xss=1">',
      "<svg onload=window.__xss=1>",
      "[a](javascript:window.__xss=1)",
      "[b](JaVaScRiPt:alert(1))",
      "[c](&#106;avascript:alert(1))",
      "![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)",
      '<details open ontoggle="window.__xss=1">x</details>',
    ].join("\n\n");
    await writePost(page, { category: "info", title: '<img src=x onerror="window.__xss=1">', body: hostile });
    await waitForHydration(page);
    await addComment(page, '<script>window.__xss=1</script><img src=x onerror="alert(1)">');
    for (const name of ["a", "b", "c"]) await page.locator(".post-body").getByText(name, { exact: true }).click();
    await page.reload();
    await waitForHydration(page);

    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(
      await page
        .locator(".post-body script, .post-body svg, .post-body img, .post-body details, .comments img")
        .count(),
    ).toBe(0);
    expect(await page.locator(".comment__body").first().innerText()).toBe(
      '<script>window.__xss=1</script><img src=x onerror="alert(1)">',
    );
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe('<img src=x onerror="window.__xss=1">');
  });
});

// The one test of the real sign-up and login forms; every other test logs in through board.newMemberPage.
describe("accounts", () => {
  it("signs up, logs out, logs in and changes the password", async () => {
    const page = await board.newPage();
    await page.goto("/signup");
    await page.getByLabel("아이디").fill("pw_changer");
    await page.getByLabel("비밀번호").fill("처음 비밀번호입니다");
    await page.getByRole("button", { name: "가입하기" }).click();
    await page.locator(".account-nav__name", { hasText: "pw_changer" }).waitFor();
    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByRole("link", { name: "로그인" }).waitFor();
    expect(await page.locator(".account-nav__name").count()).toBe(0);

    await page.goto("/square/write");
    expect(page.url()).toBe(`${board.baseUrl}/login?redirectTo=%2Fsquare%2Fwrite`);
    await page.getByLabel("아이디").fill("pw_changer");
    await page.getByLabel("비밀번호").fill("처음 비밀번호입니다");
    await page.getByRole("button", { name: "로그인" }).click();
    await page.waitForURL(/\/square\/write$/);
    await page.locator(".account-nav__name", { hasText: "pw_changer" }).waitFor();

    await page.getByRole("link", { name: "설정" }).click();
    await page.getByLabel("현재 비밀번호").fill("처음 비밀번호입니다");
    await page.getByLabel("새 비밀번호").fill("새로 바꾼 비밀번호");
    await page.getByRole("button", { name: "변경하기" }).click();
    await page.getByText("비밀번호를 변경했습니다.").waitFor();

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByRole("link", { name: "로그인" }).waitFor();
    await logIn(page, "pw_changer", "처음 비밀번호입니다");
    await page.getByRole("alert").waitFor();
    expect(await page.locator(".account-nav__name").count()).toBe(0);
    await logIn(page, "pw_changer", "새로 바꾼 비밀번호");
    await page.locator(".account-nav__name", { hasText: "pw_changer" }).waitFor();
  });

  it.each([true, false])(
    "answers a password change on an account under attack with 429 and a Korean message (JavaScript: %s)",
    async (javaScriptEnabled) => {
      const username = javaScriptEnabled ? "besieged_js" : "besieged_html";
      const page = await board.newMemberPage(username, { javaScriptEnabled });
      const db = board.openDatabase();
      const now = Date.now();
      const failures = Array.from({ length: 20 }, (_, i) => ({ ip: `203.0.113.${i}`, username, created_at: now }));
      await db.insertInto("login_failures").values(failures).execute();
      await db.destroy();

      await page.goto("/settings/password");
      if (javaScriptEnabled) await waitForHydration(page);
      await page.getByLabel("현재 비밀번호").fill("아마도 맞는 비밀번호");
      await page.getByLabel("새 비밀번호").fill("새로 바꿀 비밀번호");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "변경하기" }).click(),
      ]);
      expect(response.status()).toBe(429);
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
      await page.getByText("비밀번호 확인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.").waitFor();
      expect(await page.getByLabel("현재 비밀번호").inputValue()).toBe("");
      await page.getByRole("button", { name: "변경하기" }).waitFor();
    },
  );
});

describe("writing without JavaScript", () => {
  it("previews, posts, comments, edits and deletes with plain forms", async () => {
    const page = await board.newMemberPage("no_script", { javaScriptEnabled: false });

    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("tips");
    await page.getByLabel("제목").fill("자바스크립트 없이 쓴 글");
    await page.getByLabel("본문").fill("**굵은** 글씨");
    await page.getByRole("button", { name: "미리보기" }).click();
    await page.locator(".preview strong", { hasText: "굵은" }).waitFor();
    expect(await page.getByLabel("제목").inputValue()).toBe("자바스크립트 없이 쓴 글");
    await page.getByRole("button", { name: "등록" }).click();
    await page.waitForURL(/\/square\/\d+$/);
    const postId = Number(new URL(page.url()).pathname.split("/").at(-1));
    expect(await page.locator(".post-body strong").innerText()).toBe("굵은");

    await page.getByLabel("댓글 쓰기").fill("스크립트 없는 댓글");
    await page.getByRole("button", { name: "댓글 등록" }).click();
    await page.waitForURL(new RegExp(`/square/${postId}\\?comments=20#comment-\\d+$`));
    await page.locator(".comment__body", { hasText: "스크립트 없는 댓글" }).waitFor();

    const comment = commentItem(page, "스크립트 없는 댓글");
    const commentId = await commentIdOf(comment);
    expect(await comment.getByLabel("답글 쓰기").count()).toBe(0);
    expect(await formToggle(comment, "link", "답글").getAttribute("aria-expanded")).toBe("false");
    await formToggle(comment, "link", "답글").click();
    await page.waitForURL(new RegExp(`/square/${postId}\\?comments=20&reply=${commentId}#comment-${commentId}$`));
    expect(await formToggle(comment, "link", "답글").getAttribute("aria-expanded")).toBe("true");
    // Sent empty, the page comes back with the same form open and the reason.
    await comment.getByRole("button", { name: "답글 등록" }).click();
    await comment.getByRole("alert").filter({ hasText: "댓글 내용을 입력해 주세요." }).waitFor();
    await comment.getByLabel("답글 쓰기").fill("스크립트 없는 답글");
    await comment.getByRole("button", { name: "답글 등록" }).click();
    await page.locator(".comment__replies .comment__body", { hasText: "스크립트 없는 답글" }).waitFor();
    expect(await comment.getByLabel("답글 쓰기").count()).toBe(0);

    // A reply's own 답글 keeps its form, and a refusal comes back to that form, though the reply joins the thread.
    const reply = commentItem(page, "스크립트 없는 답글");
    await formToggle(reply, "link", "답글").click();
    await reply.getByLabel("답글 쓰기").fill("   ");
    await reply.getByRole("button", { name: "답글 등록" }).click();
    await reply.getByRole("alert").filter({ hasText: "댓글 내용을 입력해 주세요." }).waitFor();
    expect(await reply.getByLabel("답글 쓰기").inputValue()).toBe("   ");
    expect(await comment.locator(":scope > .comment-form").count()).toBe(0);
    // 답글 again closes it.
    await formToggle(reply, "link", "답글").click();
    await page.waitForURL(new RegExp(`/square/${postId}\\?comments=20#comment-\\d+$`));
    expect(await reply.getByLabel("답글 쓰기").count()).toBe(0);

    await commentItem(page, "스크립트 없는 답글").getByRole("button", { name: "삭제" }).click();
    await page.getByText("삭제된 댓글입니다").waitFor();

    await page.getByRole("link", { name: "수정" }).click();
    await page.getByLabel("제목").fill("고친 글");
    await page.getByRole("button", { name: "수정" }).click();
    await page.getByRole("heading", { level: 1, name: "고친 글" }).waitFor();

    await page.getByRole("button", { name: "삭제" }).first().click();
    await page.waitForURL(/\/square$/);
    expect((await page.goto(`/square/${postId}`))?.status()).toBe(404);
  });

  it("opens nothing, with a 200, for ?reply= or ?report= that is not a comment on the page", async () => {
    const page = await board.newMemberPage("bogus_forms", { javaScriptEnabled: false });
    const elsewhere = await board
      .openDatabase()
      .selectFrom("comments")
      .select("id")
      .where("post_id", "!=", KAKAO_POST_ID)
      .executeTakeFirstOrThrow();
    const path = `/square/${KAKAO_POST_ID}`;
    await page.goto(path);
    const firstId = await commentIdOf(page.locator("li.comment").first());
    await page.goto(`${path}?reply=${firstId}&report=${firstId}`);
    expect(await page.locator(".comment-list .comment-form").count()).toBe(1);
    expect(await page.locator(".report__form").count()).toBe(1);

    const values = ["abc", "0", "-1", "1e3", "post", "99999999999999999999", String(elsewhere.id), ""];
    for (const value of values) {
      const response = await page.goto(`${path}?reply=${value}&report=${value === "post" ? "posts" : value}`);
      expect({ value, status: response?.status() }).toEqual({ value, status: 200 });
      expect(await page.locator(".comment-list .comment-form").count()).toBe(0);
      expect(await page.locator(".report__form").count()).toBe(0);
      const expanded = await page
        .locator(".comment-list .form-toggle")
        .evaluateAll((links) => links.map((link) => link.getAttribute("aria-expanded")));
      expect(expanded.length).toBeGreaterThan(0);
      expect(new Set(expanded)).toEqual(new Set(["false"]));
    }
  });
});

describe("Markdown bounds", () => {
  it("refuses to preview a body nested too deep, with the Korean message and the form kept", async () => {
    const page = await board.newMemberPage("deep_quoter");
    const body = "> ".repeat(21) + "깊은 인용";
    await page.goto("/square/write");
    await page.getByLabel("카테고리").selectOption("info");
    await page.getByLabel("제목").fill("너무 깊은 글");
    await page.getByLabel("본문").fill(body);
    await page.getByRole("button", { name: "미리보기" }).click();
    await page.getByText("인용(>)과 목록은 20단계까지만 겹쳐 쓸 수 있습니다.").waitFor();
    expect(await page.getByLabel("본문").inputValue()).toBe(body);
    expect(await page.locator(".preview").count()).toBe(0);
  });
});

describe("anonymity fixed when written", () => {
  async function setSquareAnonymous(admin: Page, anonymous: boolean) {
    await admin.goto("/admin/boards/square");
    await admin.getByLabel("익명 게시판").setChecked(anonymous);
    await admin.getByRole("button", { name: "저장" }).first().click();
    await admin.waitForURL(/\/admin\/boards\/square$/);
    expect(await admin.getByLabel("익명 게시판").isChecked()).toBe(anonymous);
  }

  /** The post's page as a logged-out reader gets it, and its data request: neither may name a hidden author. */
  async function pageAndData(postId: number): Promise<string> {
    const reader = await board.newPage();
    const answers = [await reader.request.get(`/square/${postId}`), await reader.request.get(`/square/${postId}.data`)];
    expect(answers.map((answer) => answer.status())).toEqual([200, 200]);
    return (await Promise.all(answers.map((answer) => answer.text()))).join("\n");
  }

  it("a post and comment written while square was 익명 stay 마당 손님 after the admin turns it off; later ones show the name", async () => {
    const writer = await board.newMemberPage("hidden_author");
    const admin = await board.newMemberPage("anon_admin", { role: "admin" });
    const before = await writePost(writer, { category: "info", title: "익명일 때 쓴 글", body: "본문" });
    await addComment(writer, "익명일 때 쓴 댓글");

    await setSquareAnonymous(admin, false);
    try {
      const beforePage = await pageAndData(before);
      expect(beforePage).toContain("마당 손님");
      expect(beforePage).not.toContain("hidden_author");

      const after = await writePost(writer, { category: "info", title: "익명을 끈 뒤 쓴 글", body: "본문" });
      await addComment(writer, "익명을 끈 뒤 쓴 댓글");
      expect(await writer.locator(".post-meta span").first().innerText()).toBe("hidden_author");
      expect(await commentItem(writer, "익명을 끈 뒤 쓴 댓글").locator(".comment__author").innerText()).toBe(
        "hidden_author",
      );
      expect(await pageAndData(after)).toContain("hidden_author");
    } finally {
      await setSquareAnonymous(admin, true);
    }
  });
});
