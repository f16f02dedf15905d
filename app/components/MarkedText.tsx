import type { TextPiece } from "~/lib/search-text";

/** Text with the pieces a search matched in `<mark>`; React escapes every piece, so typed text stays text. */
export function MarkedText({ pieces }: { pieces: TextPiece[] }) {
  return <>{pieces.map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : piece.text))}</>;
}
