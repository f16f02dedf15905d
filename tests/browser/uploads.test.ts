import type { Page } from "playwright-core";
import { animatedGif, phoneJpeg, png } from "../helpers/images";
import { useBoardInBrowser, waitForHydration } from "../helpers/browser";

const board = useBoardInBrowser();

const UPLOADED_IMAGE = /!\[\]\(\/uploads\/[0-9a-f]{64}\.(webp|gif)\)/;

async function openWriteForm(page: Page, title: string, body: string) {
  await page.goto("/square/write");
  await page.getByLabel("카테고리").selectOption("info");
  await page.getByLabel("제목").fill(title);
  await page.getByLabel("본문").fill(body);
}

async function submitPost(page: Page, title: string) {
  await page.getByRole("button", { name: "등록" }).click();
  await page.waitForURL(/\/square\/\d+$/);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

/** The post's pictures as the browser shows them: their attributes and whether they loaded. */
function picturesIn(page: Page, scope: string) {
  return page.locator(`${scope} img`).evaluateAll((images) =>
    (images as HTMLImageElement[]).map((image) => ({
      src: image.getAttribute("src"),
      width: image.getAttribute("width"),
      height: image.getAttribute("height"),
      loading: image.getAttribute("loading"),
      decoding: image.getAttribute("decoding"),
      loaded: image.complete && image.naturalWidth > 0,
    })),
  );
}

async function loadedPictures(page: Page, scope: string) {
  await page.waitForFunction(
    (selector) =>
      Array.from(document.querySelectorAll<HTMLImageElement>(`${selector} img`)).every(
        (image) => image.complete && image.naturalWidth > 0,
      ),
    scope,
  );
  return picturesIn(page, scope);
}

describe("images without JavaScript", () => {
  it("attaches photos with the file input, previews them, posts them and the list marks the post", async () => {
    const page = await board.newMemberPage("photo_plain", { javaScriptEnabled: false });
    await openWriteForm(page, "사진 첨부 글", "현장 사진입니다");
    await page.getByLabel("그림 첨부").setInputFiles([
      { name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: await phoneJpeg() },
      { name: "moving.gif", mimeType: "image/gif", buffer: await animatedGif() },
    ]);
    await page.getByRole("button", { name: "미리보기" }).click();
    await page.locator(".preview img").first().waitFor();
    const body = await page.getByLabel("본문").inputValue();
    expect(body.split("\n")[0]).toBe("현장 사진입니다");
    expect(body.match(new RegExp(UPLOADED_IMAGE, "g"))).toHaveLength(2);
    expect(await loadedPictures(page, ".preview")).toHaveLength(2);

    await submitPost(page, "사진 첨부 글");
    const pictures = await loadedPictures(page, ".post-body");
    expect(pictures).toEqual([
      expect.objectContaining({ width: "200", height: "400", loading: "lazy", decoding: "async", loaded: true }),
      expect.objectContaining({ width: "60", height: "40", loading: "lazy", decoding: "async", loaded: true }),
    ]);

    await page.goto("/square");
    const row = page.locator("tr", { has: page.getByRole("link", { name: "사진 첨부 글" }) });
    await row.getByRole("img", { name: "사진 있음" }).waitFor();
  });

  it("a file that is not a picture comes back with a Korean message and the form as typed", async () => {
    const page = await board.newMemberPage("photo_refused", { javaScriptEnabled: false });
    await openWriteForm(page, "지켜질 제목", "지켜질 본문");
    await page.getByLabel("그림 첨부").setInputFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });
    await page.getByRole("button", { name: "등록" }).click();
    await page.getByText("JPEG, PNG, WebP, GIF 그림만 올릴 수 있습니다.").waitFor();
    expect(await page.getByLabel("제목").inputValue()).toBe("지켜질 제목");
    expect(await page.getByLabel("본문").inputValue()).toBe("지켜질 본문");
    expect(await page.getByLabel("카테고리").inputValue()).toBe("info");
  });
});

/** Sends a paste or drop of one PNG file to the body, as the browser does when an image is pasted or dropped. */
async function sendImage(page: Page, kind: "paste" | "drop", bytes: Buffer) {
  await page.getByLabel("본문").evaluate(
    (textarea, { kind, base64 }) => {
      const data = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], "capture.png", { type: "image/png" }));
      const event =
        kind === "paste"
          ? new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
          : new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
      textarea.dispatchEvent(event);
    },
    { kind, base64: bytes.toString("base64") },
  );
}

describe("images with JavaScript", () => {
  it("a pasted capture and a dropped picture go in at the cursor and show in the post", async () => {
    const page = await board.newMemberPage("photo_js");
    await openWriteForm(page, "붙여 넣은 그림", "첫 줄\n마지막 줄");
    await waitForHydration(page);
    const textarea = page.getByLabel("본문");
    // The cursor after "첫 줄\n".
    await textarea.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(4, 4));
    await sendImage(page, "paste", await png(120, 80, "#e33"));
    await page.getByText("그림을 올렸습니다.").waitFor();
    const afterPaste = await textarea.inputValue();
    expect(afterPaste).toMatch(new RegExp(`^첫 줄\\n${UPLOADED_IMAGE.source}\\n마지막 줄$`));

    await textarea.evaluate((element: HTMLTextAreaElement) =>
      element.setSelectionRange(element.value.length, element.value.length),
    );
    await sendImage(page, "drop", await png(90, 60, "#33e"));
    await page.waitForFunction(
      () => (document.querySelector<HTMLTextAreaElement>("#body")?.value.match(/\/uploads\//g) ?? []).length === 2,
    );
    expect(await textarea.inputValue()).toMatch(new RegExp(`마지막 줄\\n${UPLOADED_IMAGE.source}\\n$`));

    await submitPost(page, "붙여 넣은 그림");
    const pictures = await loadedPictures(page, ".post-body");
    expect(pictures.map(({ width, height, loaded }) => [width, height, loaded])).toEqual([
      ["120", "80", true],
      ["90", "60", true],
    ]);
  });

  it("a refused paste shows the server's Korean reason and leaves the body as it was", async () => {
    const page = await board.newMemberPage("photo_js_refused");
    await openWriteForm(page, "제목", "본문");
    await waitForHydration(page);
    await sendImage(
      page,
      "paste",
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    );
    await page.getByText("JPEG, PNG, WebP, GIF 그림만 올릴 수 있습니다.").waitFor();
    expect(await page.getByLabel("본문").inputValue()).toBe("본문");
  });
});

describe("serving and videos", () => {
  it("serves an upload with its type and cache headers, outside Remix; other names are 404", async () => {
    const page = await board.newMemberPage("photo_served");
    await page.goto("/");
    const answer = await page.evaluate(async () => {
      const body = new FormData();
      const bytes = await (await fetch("/favicon.svg")).blob();
      body.append("file", bytes, "x.png");
      const response = await fetch("/uploads", { method: "POST", body, headers: { Accept: "application/json" } });
      return { status: response.status, body: await response.json() };
    });
    // The favicon is an SVG: refused whatever its name says.
    expect(answer.status).toBe(400);

    const uploaded = await page.evaluate(
      async (base64) => {
        const body = new FormData();
        body.append("file", new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]), "a.png");
        const response = await fetch("/uploads", { method: "POST", body, headers: { Accept: "application/json" } });
        return { status: response.status, body: await response.json() };
      },
      (await png(10, 10)).toString("base64"),
    );
    expect(uploaded.status).toBe(201);
    const served = await fetch(`${board.baseUrl}${uploaded.body.url}`);
    expect(served.status).toBe(200);
    expect(
      Object.fromEntries(
        ["content-type", "x-content-type-options", "content-disposition", "cache-control"].map((name) => [
          name,
          served.headers.get(name),
        ]),
      ),
    ).toEqual({
      "content-type": "image/webp",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "cache-control": "public, max-age=31536000, immutable",
    });
    for (const path of ["/uploads/..%2F..%2Fpackage.json", `/uploads/${"0".repeat(64)}.webp`, "/uploads/x.svg"]) {
      expect((await fetch(`${board.baseUrl}${path}`)).status).toBe(404);
    }
    const crossSite = await fetch(`${board.baseUrl}/uploads`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "multipart/form-data; boundary=x" },
      body: "--x--",
    });
    expect(crossSite.status).toBe(403);
  });

  it("a YouTube address alone on a line plays in the privacy-enhanced player the policy allows", async () => {
    const page = await board.newMemberPage("video_js");
    await openWriteForm(
      page,
      "영상 글",
      "발표 영상\nhttps://youtu.be/dQw4w9WgXcQ\n다른 링크 https://vimeo.com/76979871",
    );
    await submitPost(page, "영상 글");
    const player = page.locator(".post-body iframe");
    expect(await player.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(await player.getAttribute("sandbox")).toBe("allow-scripts allow-same-origin allow-presentation");
    expect(await page.locator(".post-body a[href='https://vimeo.com/76979871']").count()).toBe(1);
  });
});
