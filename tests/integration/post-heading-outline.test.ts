import { renderPost } from "~/lib/markdown.server";
import { up as outlineStoredHeadings } from "../../migrations/20261130040000_post_heading_outline";
import { createTestDb } from "../helpers/db";
import { createTestBoard, createTestPost, createUser } from "./support/board-fixtures";

const db = createTestDb();

/** Bodies as the renderer before migration 20261130040000 stored them: headings at the level the author typed. */
const STORED_BEFORE = [
  { markdown: "# 제목\n## 부제\n### 소제목", html: "<h1>제목</h1>\n<h2>부제</h2>\n<h3>소제목</h3>\n" },
  {
    markdown: "### 요약\n본문 `<h1>`\n\n##### 자세히\n### 다음\n\n---",
    html: "<h3>요약</h3>\n<p>본문 <code>&lt;h1&gt;</code></p>\n<h5>자세히</h5>\n<h3>다음</h3>\n<hr />\n",
  },
  {
    markdown: "> # 인용 속 제목\n\n- ## 목록 속 제목\n\n###### 여섯",
    html: "<blockquote>\n<h1>인용 속 제목</h1>\n</blockquote>\n<ul>\n<li><h2>목록 속 제목</h2>\n</li>\n</ul>\n<h6>여섯</h6>\n",
  },
  { markdown: "제목 없는 글", html: "<p>제목 없는 글</p>\n" },
];

async function storedBodies(ids: number[]): Promise<string[]> {
  const rows = await db.selectFrom("posts").select(["id", "body_html"]).where("id", "in", ids).orderBy("id").execute();
  return rows.map((row) => row.body_html);
}

describe("migration 20261130040000: stored post headings under the page's h1", () => {
  it("re-levels stored bodies exactly as the renderer now renders their Markdown, and a second run changes nothing", async () => {
    const board = await createTestBoard(db, "outline");
    const authorId = await createUser(db, "outline_author");
    const ids: number[] = [];
    for (const body of STORED_BEFORE) {
      const id = await createTestPost(db, board, { authorId });
      await db
        .updateTable("posts")
        .set({ body_md: body.markdown, body_html: body.html })
        .where("id", "=", id)
        .execute();
      ids.push(id);
    }
    // The old renderer's output is what the fixtures claim: only the heading levels differ from today's.
    const rendered = STORED_BEFORE.map((body) => renderPost(body.markdown).html);
    STORED_BEFORE.forEach((body, index) =>
      expect(body.html.replace(/h[1-6]>/g, "h>")).toBe(rendered[index].replace(/h[1-6]>/g, "h>")),
    );

    await outlineStoredHeadings(db);
    expect(await storedBodies(ids)).toEqual(rendered);

    await outlineStoredHeadings(db);
    expect(await storedBodies(ids)).toEqual(rendered);
  });
});
