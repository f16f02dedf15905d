import type { Page } from "playwright-core";
import { useBoardInBrowser } from "../helpers/browser";
import { insertSquarePost } from "../helpers/square-posts";

const board = useBoardInBrowser();
const UPLOAD = "/uploads/" + "b".repeat(64) + ".webp";

async function arrangePost(
  title: string,
  bodyHtml: string,
  { blinded = false, authorUsername }: { blinded?: boolean; authorUsername?: string } = {},
): Promise<number> {
  const extra = { blinded_at: blinded ? Date.now() : null };
  return (await insertSquarePost(board.openDatabase(), { title, bodyHtml, authorUsername, extra })).postId;
}

/** The document's share tags, as a messenger's crawler reads them from the page. */
async function shareTags(page: Page) {
  return page.evaluate(() => {
    const content = (selector: string) => document.head.querySelector(selector)?.getAttribute("content") ?? null;
    return {
      title: document.title,
      description: content('meta[name="description"]'),
      canonical: document.head.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null,
      ogType: content('meta[property="og:type"]'),
      ogSiteName: content('meta[property="og:site_name"]'),
      ogTitle: content('meta[property="og:title"]'),
      ogDescription: content('meta[property="og:description"]'),
      ogUrl: content('meta[property="og:url"]'),
      ogImage: content('meta[property="og:image"]'),
      twitterCard: content('meta[name="twitter:card"]'),
    };
  });
}

describe("share tags", () => {
  it("a post without a picture: its title, first words, the default picture and its address", async () => {
    const postId = await arrangePost("공유할 글", "<p>첫 문단입니다.</p><p>둘째 문단입니다.</p>");
    const page = await board.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`/square/${postId}?comments=40`);
    const url = `${board.baseUrl}/square/${postId}`;
    expect(await shareTags(page)).toEqual({
      title: "공유할 글 - 스퀘어 - 마당",
      description: "첫 문단입니다. 둘째 문단입니다.",
      canonical: url,
      ogType: "article",
      ogSiteName: "마당",
      ogTitle: "공유할 글",
      ogDescription: "첫 문단입니다. 둘째 문단입니다.",
      ogUrl: url,
      ogImage: `${board.baseUrl}/share-card.png`,
      twitterCard: "summary_large_image",
    });
    const image = await page.request.get(`${board.baseUrl}/share-card.png`);
    expect(image.headers()["content-type"]).toBe("image/png");
  });

  it("a post with a picture shows it", async () => {
    const postId = await arrangePost("사진 글", `<p>사진입니다.</p><p><img src="${UPLOAD}" alt=""></p>`);
    const page = await board.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`/square/${postId}`);
    expect(await shareTags(page)).toMatchObject({ ogImage: `${board.baseUrl}${UPLOAD}`, ogDescription: "사진입니다." });
  });

  it("a blinded post's tags carry none of its words, for its author too", async () => {
    const author = await board.newMemberPage("blindedauthor");
    const postId = await arrangePost("숨길 제목", "<p>숨길 본문</p>", {
      blinded: true,
      authorUsername: "blindedauthor",
    });
    for (const page of [await board.newPage(), author]) {
      await page.goto(`/square/${postId}`);
      // The author still reads their post, its title in the tab included; the share tags never carry it.
      const tags = await shareTags(page);
      expect(JSON.stringify({ ...tags, title: null })).not.toContain("숨길");
      expect(tags.ogImage).toBe(`${board.baseUrl}/share-card.png`);
    }
  });

  it("every page has a Korean description", async () => {
    const page = await board.newPage();
    for (const path of ["/", "/square", "/hot", "/notices", "/search", "/about", "/login", "/signup"]) {
      await page.goto(path);
      const { description } = await shareTags(page);
      expect(description, path).toMatch(/[가-힣]/);
    }
  });
});
