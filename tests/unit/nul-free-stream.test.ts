import { text } from "node:stream/consumers";
import { Readable } from "node:stream";
import { nulFreeStream } from "~/server/nul-free-stream.server";

describe("nulFreeStream", () => {
  it("drops the zero bytes React 18 leaves at a buffer's end, and keeps every character whole", async () => {
    const encoded = Buffer.from("카테고리를 숨기는 중입니다");
    const split = encoded.indexOf(Buffer.from("는"));
    const chunks = [Buffer.concat([encoded.subarray(0, split), Buffer.alloc(2)]), encoded.subarray(split)];
    expect(await text(Readable.from(chunks).pipe(nulFreeStream()))).toBe("카테고리를 숨기는 중입니다");
  });
});
