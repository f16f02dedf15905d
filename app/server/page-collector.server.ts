import { Writable } from "node:stream";

/**
 * Where React writes a finished document: its chunks kept in memory, handed back as one body.
 *
 * React 18's streaming renderer (renderToPipeableStream, up to 18.3.1) sometimes flushes its whole 2,048-byte buffer
 * when a multibyte character does not fit at its end, unwritten zero bytes included (react/react#31134): Korean text
 * then carries stray NULs wherever a buffer boundary falls. A 0x00 byte is never part of a longer UTF-8 character,
 * and a NUL in a page is nothing a browser shows (HTML parsers drop or replace it), so dropping every one restores
 * the document React meant to write.
 */
export class PageCollector extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void) {
    this.chunks.push(chunk);
    done();
  }

  /** The document written so far, without React's stray NULs. */
  bytes(): Buffer<ArrayBuffer> {
    const page = Buffer.concat(this.chunks);
    return page.includes(0) ? Buffer.from(page.filter((byte) => byte !== 0)) : page;
  }
}
