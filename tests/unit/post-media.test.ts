import { renderPost, renderMarkdown, uploadHashesIn } from "~/lib/markdown.server";
import { youtubeVideoId } from "~/lib/youtube";

const HASH = "a".repeat(64);
const OTHER = "b".repeat(64);
const PLAYER =
  '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" ' +
  'sandbox="allow-scripts allow-same-origin allow-presentation" allowfullscreen loading="lazy" ' +
  'title="YouTube 동영상"></iframe>\n';

describe("YouTube addresses", () => {
  test.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "dQw4w9WgXcQ"],
    ["https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
  ])("%s plays video %s", (address, id) => {
    expect(youtubeVideoId(address)).toBe(id);
  });

  test.each([
    "https://www.youtube.com/watch?v=short",
    "https://www.youtube.com/channel/UC123",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    "https://vimeo.com/76979871",
    "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ/../x",
  ])("%s is not a video", (address) => {
    expect(youtubeVideoId(address)).toBeNull();
  });
});

describe("videos in posts", () => {
  test("a YouTube address alone on its line becomes the privacy-enhanced, sandboxed player", () => {
    expect(renderMarkdown("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).toBe(PLAYER);
    expect(renderMarkdown("https://youtu.be/dQw4w9WgXcQ")).toBe(PLAYER);
  });

  test("between other lines of a paragraph, the player stands between their text", () => {
    expect(renderMarkdown("위에\nhttps://youtu.be/dQw4w9WgXcQ\n아래")).toBe(`<p>위에</p>\n${PLAYER}<p>아래</p>\n`);
  });

  test("an address inside a sentence, a link with its own words and other sites stay links", () => {
    for (const source of [
      "이거 보세요 https://youtu.be/dQw4w9WgXcQ 재밌어요",
      "[발표 영상](https://youtu.be/dQw4w9WgXcQ)",
      "https://vimeo.com/76979871",
    ]) {
      const html = renderMarkdown(source);
      expect(html).not.toContain("<iframe");
      expect(html).toContain("<a href=");
    }
  });

  test("nothing typed can frame another site", () => {
    for (const source of [
      '<iframe src="https://evil.example/"></iframe>',
      "![x](https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ)",
      "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ]) {
      expect(renderMarkdown(source)).not.toContain("<iframe");
    }
  });
});

describe("uploaded images in posts", () => {
  const sizes = new Map([[HASH, { width: 640, height: 480 }]]);

  test("our upload keeps its path with its stored size, loading lazily", () => {
    const rendered = renderPost(`사진\n\n![](/uploads/${HASH}.webp)`, sizes);
    expect(rendered.html).toContain(
      `<img alt="" src="/uploads/${HASH}.webp" width="640" height="480" loading="lazy" decoding="async" />`,
    );
    expect(rendered.uploadHashes).toEqual([HASH]);
    expect(rendered.hasImages).toBe(true);
  });

  test("an upload path the board does not know, or any other relative path, is dropped", () => {
    const rendered = renderPost(`![](/uploads/${OTHER}.webp) ![](/uploads/../x.webp) ![](/etc/passwd)`, sizes);
    expect(rendered.html).not.toContain("<img");
    expect(rendered).toMatchObject({ uploadHashes: [], hasImages: false });
  });

  test("sizes written by hand are replaced by the stored ones, and remote images get none", () => {
    const html = renderMarkdown(`![](/uploads/${HASH}.webp)`, sizes);
    expect(html).toContain('width="640" height="480"');
    const remote = renderPost("![x](https://example.com/a.png)");
    expect(remote.html).not.toContain("width=");
    expect(remote).toMatchObject({ uploadHashes: [], hasImages: true });
  });

  test("the hashes a body mentions are found once each, links included", () => {
    expect(
      uploadHashesIn(`![](/uploads/${HASH}.webp) [원본](/uploads/${HASH}.webp) ![](/uploads/${OTHER}.gif)`),
    ).toEqual([HASH, OTHER]);
  });
});
