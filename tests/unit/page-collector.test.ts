import { PageCollector } from "~/server/page-collector.server";

describe("PageCollector", () => {
  it("drops the zero bytes React 18 leaves at a buffer's end, and keeps every character whole", async () => {
    const encoded = Buffer.from("카테고리를 숨기는 중입니다");
    const split = encoded.indexOf(Buffer.from("는"));
    const page = new PageCollector();
    const finished = new Promise((resolve) => page.on("finish", resolve));
    page.write(Buffer.concat([encoded.subarray(0, split), Buffer.alloc(2)]));
    page.end(encoded.subarray(split));
    await finished;
    expect(page.bytes().toString("utf8")).toBe("카테고리를 숨기는 중입니다");
  });
});
