import { canModify, type Actor } from "./permissions";

// Pure, without `.server`: components show the same words for a blinded item.

export const BLINDED_POST_TEXT = "신고가 누적되어 블라인드 처리된 글입니다";
export const BLINDED_COMMENT_TEXT = "신고가 누적되어 블라인드 처리된 댓글입니다";

/**
 * How one reader sees an item: not blinded; blinded and replaced by the notice (`hidden`, its text never leaves the
 * server); or blinded but shown with a mark, to its author and to admins (`shown`).
 */
export type Blinding = "none" | "hidden" | "shown";

/** A blinded item stays readable by those who may modify it: its author and admins. */
export function blindingFor(reader: Actor | null, item: { blindedAt: number | null; authorId: number }): Blinding {
  if (item.blindedAt === null) return "none";
  return canModify(reader, item.authorId) ? "shown" : "hidden";
}

interface ListedRow {
  title: string;
  blindedAt: number | null;
  authorId: number;
}

/**
 * A post's row in a list as this reader may see it: a blinded title replaced by the notice, and the author's id
 * dropped (it would tell who wrote what on anonymous boards).
 */
export function presentListedPost<Row extends ListedRow>(
  row: Row,
  reader: Actor | null,
): Omit<Row, "blindedAt" | "authorId"> & { blinding: Blinding } {
  const { blindedAt, authorId, ...rest } = row;
  const blinding = blindingFor(reader, { blindedAt, authorId });
  return { ...rest, title: blinding === "hidden" ? BLINDED_POST_TEXT : row.title, blinding };
}

/** A post's page as this reader may see it: a hidden post's title and body replaced, its body never sent. */
export function presentPostContent(
  post: { title: string; bodyHtml: string; blindedAt: number | null; authorId: number },
  reader: Actor | null,
): { title: string; bodyHtml: string; blinding: Blinding } {
  const blinding = blindingFor(reader, post);
  if (blinding === "hidden") return { title: BLINDED_POST_TEXT, bodyHtml: "", blinding };
  return { title: post.title, bodyHtml: post.bodyHtml, blinding };
}
