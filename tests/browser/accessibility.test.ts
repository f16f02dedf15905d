import axe from "axe-core";
import type { Kysely } from "kysely";
import type { Locator, Page } from "playwright-core";
import type { Database } from "#db/types";
import { useBoardInBrowser, waitForHydration } from "../helpers/browser";
import { createTestPost } from "../integration/support/board-fixtures";
import { KAKAO_POST_ID, KAKAO_TITLE } from "../helpers/square-posts";

const board = useBoardInBrowser();
let db: Kysely<Database>;
beforeAll(() => {
  db = board.openDatabase();
});

const MARKDOWN_POST_ID = 202;
const COMMENT_THREADS_PER_PAGE = 20;
const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

/** What the gate checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const GATED_IMPACTS = ["serious", "critical"];

type Role = "visitor" | "member" | "admin";
const USERNAMES = { member: "a11y_member", admin: "a11y_admin" } as const;

interface Finding {
  rule: string;
  page: string;
  /** CSS selectors of the failing elements. */
  targets: string[];
}

/** A comment on the first page of the Kakao post's comments, whose 답글 and 신고 a member is offered. */
async function openableCommentId(): Promise<number> {
  const comment = await db
    .selectFrom("comments")
    .select("id")
    .where("post_id", "=", KAKAO_POST_ID)
    .where("parent_id", "is", null)
    .where("deleted_at", "is", null)
    .where("blinded_at", "is", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return comment.id;
}

/** The pages each role is checked on; an admin is checked where an admin sees more than a member. */
function pagesOf(role: Role, ownPostId: number, commentId: number): string[] {
  const reading = [
    "/square",
    "/square?notices=all",
    `/square/${KAKAO_POST_ID}`,
    `/talk/${MARKDOWN_POST_ID}`,
    "/search?q=카카오",
    "/hot",
    "/notices",
  ];
  const own = [`/square/${ownPostId}`, `/square/${ownPostId}/edit`];
  if (role === "visitor")
    return ["/", ...reading, "/about", "/login", "/signup", "/square/999999999", "/no/such/address"];
  if (role === "admin") {
    return [
      "/square",
      `/square/${KAKAO_POST_ID}`,
      ...own,
      "/notices",
      "/admin/boards",
      "/admin/boards/square",
      "/admin/log",
      "/admin/reports",
      `/admin/users/${USERNAMES.member}`,
    ];
  }
  // A member's reading pages differ from a visitor's by the header and the comment and reply forms; a comment's
  // reply and report forms, and the post's report form, are on the page once opened.
  return [
    "/square",
    `/square/${KAKAO_POST_ID}`,
    `/square/${KAKAO_POST_ID}?reply=${commentId}&report=${commentId}`,
    `/square/${KAKAO_POST_ID}?report=post`,
    ...own,
    "/square/write",
    "/scraps",
    "/me",
    "/notifications",
    "/settings/password",
    "/settings/blocks",
    "/settings/filters",
    "/settings/notifications",
    "/square/999999999",
    "/no/such/address",
  ];
}

/**
 * Opens `path` in the page's app as a reader's click would (Remix's router, no reload), so axe, loaded once, stays;
 * the DOM is the one a full load hydrates into.
 */
async function visit(page: Page, path: string): Promise<void> {
  type RemixWindow = {
    __remixRouter: { navigate(to: string): Promise<void>; state: { navigation: { state: string } } };
  };
  await page.evaluate((to) => (window as unknown as RemixWindow).__remixRouter.navigate(to), path);
  await page.waitForFunction(
    (to) =>
      `${location.pathname}${location.search}` ===
        new URL(to, location.href).pathname + new URL(to, location.href).search &&
      (window as unknown as RemixWindow).__remixRouter.state.navigation.state === "idle",
    path,
  );
}

/** The page's serious and critical axe violations, one finding per rule. */
async function axeViolations(page: Page, label: string): Promise<Finding[]> {
  const violations = await page.evaluate(
    ({ tags, impacts }) =>
      (window as unknown as { axe: typeof axe }).axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((results) =>
          results.violations
            .filter((violation) => impacts.includes(violation.impact ?? ""))
            .map((violation) => ({
              rule: violation.id,
              targets: violation.nodes.map((node) => node.target.join(" ")),
            })),
        ),
    { tags: AXE_TAGS, impacts: GATED_IMPACTS },
  );
  return violations.map((violation) => ({ ...violation, page: label }));
}

/** Headings that skip a level (h2 then h4), or a page without exactly one h1 leading its headings. */
async function headingProblems(page: Page): Promise<string[]> {
  const levels = await page
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((headings) => headings.map((heading) => Number(heading.tagName[1])));
  const problems: string[] = [];
  if (levels[0] !== 1 || levels.filter((level) => level === 1).length !== 1) {
    problems.push(`h${levels.join(", h")}`);
  }
  levels.forEach((level, index) => {
    if (index > 0 && level > levels[index - 1] + 1) problems.push(`h${levels[index - 1]} then h${level}`);
  });
  return problems;
}

async function duplicateIds(page: Page): Promise<string[]> {
  const ids = await page.locator("[id]").evaluateAll((elements) => elements.map((element) => element.id));
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** A post of `username`'s on the square board, for its own post page and edit form. */
async function postOf(username: string): Promise<number> {
  const [square, author] = await Promise.all([
    db.selectFrom("boards").select("id").where("slug", "=", "square").executeTakeFirstOrThrow(),
    db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow(),
  ]);
  const squareBoard = { id: square.id, slug: "square", categoryIds: {} };
  return createTestPost(db, squareBoard, { authorId: author.id, title: `${username}의 글` });
}

function pageOf(role: Role, viewport?: { width: number; height: number }): Promise<Page> {
  return role === "visitor" ? board.newPage({ viewport }) : board.newMemberPage(USERNAMES[role], { role, viewport });
}

/** One line per finding, by rule then page, with how many elements fail and the first few: what a failure shows. */
function listed(findings: Finding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.rule} | ${finding.page} | ${finding.targets.length}: ${finding.targets.slice(0, 3).join(" ; ")}`,
    )
    .sort()
    .join("\n");
}

describe("every page, at 1280×800 and 390×844, logged out, as a member and as an admin", () => {
  for (const role of ["visitor", "member", "admin"] as const) {
    it(`has no serious or critical axe violation, headings in order and unique ids, for a ${role}`, async () => {
      const violations: Finding[] = [];
      const structure: string[] = [];
      // One page per size in the role's context, side by side: most of the time is axe's, in the browser.
      const desktop = await pageOf(role, SIZES[0].viewport);
      const ownPostId = role === "visitor" ? 0 : await postOf(USERNAMES[role]);
      const commentId = await openableCommentId();
      const phone = await desktop.context().newPage();
      await phone.setViewportSize(SIZES[1].viewport);
      await Promise.all(
        [desktop, phone].map(async (page, index) => {
          const size = SIZES[index];
          await page.goto("/about");
          await waitForHydration(page);
          // Evaluated through the DevTools protocol: the content security policy refuses injected <script> tags.
          await page.evaluate(axe.source);
          for (const path of pagesOf(role, ownPostId, commentId)) {
            await visit(page, path);
            violations.push(...(await axeViolations(page, `${role} ${size.name} ${path}`)));
            if (size.name !== "desktop") continue;
            for (const problem of await headingProblems(page)) structure.push(`${path}: headings ${problem}`);
            for (const id of await duplicateIds(page)) structure.push(`${path}: id "${id}" repeated`);
          }
        }),
      );
      expect(listed(violations)).toBe("");
      expect(structure).toEqual([]);
    });
  }
});

for (const size of SIZES) {
  describe(`keyboard only, ${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    /** Presses Tab until `target` has focus, as a keyboard user reaches it. */
    async function tabTo(page: Page, target: Locator, { limit = 300 } = {}): Promise<void> {
      for (let presses = 0; presses < limit; presses++) {
        if (await target.evaluate((element) => element === document.activeElement)) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`${String(target)} not reached with Tab`);
    }

    const threads = (page: Page) => page.locator(".comment-list > li");
    const focusedText = (page: Page) =>
      page.evaluate(() => `${document.activeElement?.tagName}: ${document.activeElement?.textContent?.trim()}`);

    it("loads more comments with Space, then Enter, on 댓글 더 보기", async () => {
      const page = await pageOf("visitor", size.viewport);
      await page.goto(`/square/${KAKAO_POST_ID}`);
      await waitForHydration(page);
      const loadMore = page.getByRole("button", { name: "댓글 더 보기" });
      await tabTo(page, loadMore);
      await page.keyboard.press("Space");
      await expect.poll(() => threads(page).count()).toBe(2 * COMMENT_THREADS_PER_PAGE);
      // The button keeps focus while there is more to load.
      expect(await focusedText(page)).toBe("BUTTON: 댓글 더 보기");
      await page.keyboard.press("Enter");
      await expect.poll(() => threads(page).count()).toBe(42);
      expect(await loadMore.count()).toBe(0);
    });

    it("writes a comment with the keyboard alone, and focus is not sent to the h1 after it", async () => {
      const username = `keyboard_${size.name}`;
      const page = await board.newMemberPage(username, { viewport: size.viewport });
      await page.goto(`/square/${await postOf(username)}`);
      await waitForHydration(page);
      await tabTo(page, page.getByLabel("댓글 쓰기"));
      await page.keyboard.type("키보드로만 쓴 댓글");
      await page.keyboard.press("Tab");
      expect(await focusedText(page)).toBe("BUTTON: 댓글 등록");
      await page.keyboard.press("Enter");
      await page.locator(".comment__body", { hasText: "키보드로만 쓴 댓글" }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("H1");
    });

    it("moves focus to the new page's h1 after a client-side navigation, and Space follows a link drawn as a button", async () => {
      const page = await pageOf("visitor", size.viewport);
      await page.goto("/square");
      await waitForHydration(page);
      await page.getByRole("link", { name: KAKAO_TITLE }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/square/${KAKAO_POST_ID}`);
      await expect.poll(() => focusedText(page)).toBe(`H1: ${KAKAO_TITLE}`);

      await tabTo(page, page.getByRole("link", { name: "목록", exact: true }));
      await page.keyboard.press("Space");
      await page.waitForURL((url) => url.pathname === "/square");
      await expect.poll(() => focusedText(page)).toBe("H1: 스퀘어");
    });
  });
}

describe("a post page with many reply forms", () => {
  it("gives each reply box, all opened, its own id, and each label names its own box", async () => {
    const page = await board.newMemberPage("many_replies");
    await page.goto(`/square/${KAKAO_POST_ID}`);
    await waitForHydration(page);
    const toggles = page.locator(".comment-list").getByRole("button", { name: "답글", exact: true });
    for (const toggle of await toggles.all()) await toggle.click();
    const replyBoxes = page.locator("textarea[id^='reply-body-']");
    const count = await replyBoxes.count();
    expect(count).toBeGreaterThan(COMMENT_THREADS_PER_PAGE);
    const pairs = await page.locator(".comment-form").evaluateAll((forms) =>
      forms.map((form) => {
        const label = form.querySelector("label");
        return { labelFor: label?.htmlFor, box: form.querySelector("textarea")?.id };
      }),
    );
    expect(pairs.every((pair) => pair.labelFor === pair.box)).toBe(true);
    expect(new Set(pairs.map((pair) => pair.box)).size).toBe(pairs.length);
    // With every comment's report form open as well, no id on the page repeats.
    const reports = page.locator(".comment-list").getByRole("button", { name: "신고", exact: true });
    for (const toggle of await reports.all()) await toggle.click();
    expect(await page.locator(".comment-list .report__form").count()).toBeGreaterThan(COMMENT_THREADS_PER_PAGE);
    expect(await duplicateIds(page)).toEqual([]);

    const reply = page.locator(".comment__replies > li.comment").first();
    await reply.getByLabel("답글 쓰기").fill("답글의 답글");
    expect(await reply.locator(".comment-form textarea").inputValue()).toBe("답글의 답글");
  });
});
