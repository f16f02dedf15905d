import { Transform } from "node:stream";

/**
 * React 18's streaming renderer (renderToPipeableStream, up to 18.3.1) sometimes flushes its whole 2,048-byte buffer
 * when a multibyte character does not fit at its end, unwritten zero bytes included (react/react#31134): Korean text
 * then carries stray NULs wherever a buffer boundary falls. A 0x00 byte is never part of a longer UTF-8 character,
 * and a NUL in a page is nothing a browser shows (HTML parsers drop or replace it), so dropping every one restores
 * the document React meant to write.
 */
export function nulFreeStream(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
