import type { Page } from "playwright-core";
import { suspendMember } from "~/models/suspensions.server";
import { useBoardInBrowser, waitForHydration } from "../helpers/browser";

// This server holds members to the posting limits, unlike the other test servers.
const board = useBoardInBrowser({ serverEnv: { RATE_LIMITS: "on" } });

const DAY_MS = 24 * 60 * 60 * 1000;

async function somePostPath(): Promise<string> {
  const db = board.openDatabase();
  const post = await db
    .selectFrom("posts")
    .innerJoin("boards", "boards.id", "posts.board_id")
    .select(["posts.id", "boards.slug"])
    .where("boards.slug", "=", "square")
    .where("posts.deleted_at", "is", null)
    .orderBy("posts.id", "desc")
    .executeTakeFirstOrThrow();
  return `/${post.slug}/${post.id}`;
}

/** A member page for an account two days old, so the full limits apply. */
async function memberPage(username: string, javaScriptEnabled: boolean) {
  const page = await board.newMemberPage(username, { javaScriptEnabled });
  const db = board.openDatabase();
  const member = await db
    .updateTable("users")
    .set({ created_at: Date.now() - 2 * DAY_MS })
    .where("username", "=", username)
    .returning("id")
    .executeTakeFirstOrThrow();
  return { page, memberId: member.id, db };
}

async function expectAfterLoad(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await waitForHydration(page);
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  describe(`a suspended member ${mode}`, () => {
    it("sees the Korean notice with the reason and end date instead of the write and comment forms", async () => {
      const username = `suspended_${javaScriptEnabled ? "js" : "nojs"}`;
      const { page, memberId, db } = await memberPage(username, javaScriptEnabled);
      const adminId = (await db.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow())
        .id;
      await suspendMember(db, { admin: { id: adminId, role: "admin" }, userId: memberId, length: "7", reason: "욕설" });

      await page.goto("/square/write");
      const notice = page.getByRole("alert").filter({ hasText: "이용이 정지된 계정" });
      await notice.waitFor();
      expect(await notice.innerText()).toMatch(/사유: 욕설 \(정지 기간: \d{4}\.\d{2}\.\d{2} \d{2}:\d{2}까지\)/);
      expect(await page.getByLabel("본문").count()).toBe(0);

      await page.goto(await somePostPath());
      await expectAfterLoad(page, javaScriptEnabled);
      await page.locator("#comments").getByRole("alert").filter({ hasText: "사유: 욕설" }).waitFor();
      expect(await page.getByLabel("댓글 쓰기").count()).toBe(0);
      // Still a reader: the post itself is there.
      expect(await page.locator(".post-body").count()).toBe(1);
    });
  });

  describe(`a posting limit ${mode}`, () => {
    it("answers 429 with its Korean message and keeps the post form as typed", async () => {
      const username = `fastpost_${javaScriptEnabled ? "js" : "nojs"}`;
      const { page, memberId, db } = await memberPage(username, javaScriptEnabled);
      const square = await db.selectFrom("boards").select("id").where("slug", "=", "square").executeTakeFirstOrThrow();
      const now = Date.now();
      await db
        .insertInto("posts")
        .values(
          Array.from({ length: 5 }, (_, i) => ({
            board_id: square.id,
            author_id: memberId,
            title: `앞선 글 ${i}`,
            body_md: `앞선 본문 ${i}`,
            body_html: "",
            is_anonymous: 1,
            created_at: now,
            updated_at: now,
            deleted_at: now,
          })),
        )
        .execute();

      await page.goto("/square/write");
      await expectAfterLoad(page, javaScriptEnabled);
      await page.getByLabel("카테고리").selectOption("info");
      await page.getByLabel("제목").fill("여섯 번째 글");
      await page.getByLabel("본문").fill("지우기 아까운 긴 본문");
      const answer = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "등록" }).click();
      expect((await answer).status()).toBe(429);
      expect(Number((await answer).headers()["retry-after"])).toBeGreaterThan(0);
      await page.getByRole("alert").filter({ hasText: "10분에 5개까지" }).waitFor();
      expect(await page.getByLabel("제목").inputValue()).toBe("여섯 번째 글");
      expect(await page.getByLabel("본문").inputValue()).toBe("지우기 아까운 긴 본문");
      expect(await page.getByLabel("카테고리").inputValue()).toBe("info");
    });

    it("keeps the comment as typed when the comment limit answers 429", async () => {
      const username = `fastcomment_${javaScriptEnabled ? "js" : "nojs"}`;
      const { page, memberId, db } = await memberPage(username, javaScriptEnabled);
      const postPath = await somePostPath();
      const postId = Number(postPath.split("/").at(-1));
      const now = Date.now();
      await db
        .insertInto("comments")
        .values(
          Array.from({ length: 10 }, (_, i) => ({
            post_id: postId,
            author_id: memberId,
            body: `앞선 댓글 ${i}`,
            is_anonymous: 1,
            created_at: now,
            deleted_at: now,
          })),
        )
        .execute();

      await page.goto(postPath);
      await expectAfterLoad(page, javaScriptEnabled);
      await page.getByLabel("댓글 쓰기").fill("열한 번째 댓글");
      const answer = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "댓글 등록" }).click();
      expect((await answer).status()).toBe(429);
      expect(Number((await answer).headers()["retry-after"])).toBeGreaterThan(0);
      await page.getByRole("alert").filter({ hasText: "댓글을 1분에 10개까지" }).waitFor();
      expect(await page.getByLabel("댓글 쓰기").inputValue()).toBe("열한 번째 댓글");
    });
  });
}
