import { z } from "zod";
import { characterCount } from "./forms";
import { parseId } from "./ids";
import { BODY_MAX_BYTES, COMMENT_MAX_LENGTH, TITLE_MAX_LENGTH } from "./input-limits";
import { stripInvisibleCharacters } from "./invisible-characters";
import { markdownBoundsProblem } from "./markdown-bounds";

const utf8Bytes = (value: string) => Buffer.byteLength(value, "utf8");

// Invisible and direction-changing characters are dropped before any check, so a title or comment made only of them
// is refused as empty and none can look reversed.
const visibleText = () => z.string().transform(stripInvisibleCharacters);

export const postSchema = z.object({
  category: z.string().min(1, "카테고리를 골라 주세요."),
  title: visibleText().pipe(
    z
      .string()
      .trim()
      .min(1, "제목을 입력해 주세요.")
      .refine((v) => characterCount(v) <= TITLE_MAX_LENGTH, `제목은 ${TITLE_MAX_LENGTH}자 이하로 입력해 주세요.`),
  ),
  body: visibleText()
    .refine((v) => v.trim().length > 0, "본문을 입력해 주세요.")
    .refine((v) => utf8Bytes(v) <= BODY_MAX_BYTES, "본문은 64KB 이하로 입력해 주세요.")
    .superRefine((v, context) => {
      const problem = markdownBoundsProblem(v);
      if (problem !== null) context.addIssue({ code: "custom", message: problem });
    }),
});

export const commentSchema = z.object({
  body: visibleText().pipe(
    z
      .string()
      .trim()
      .min(1, "댓글 내용을 입력해 주세요.")
      .refine((v) => characterCount(v) <= COMMENT_MAX_LENGTH, `댓글은 ${COMMENT_MAX_LENGTH}자 이하로 입력해 주세요.`),
  ),
  parentId: z
    .string()
    .optional()
    .refine((v) => !v || parseId(v) !== null, "답글을 달 댓글이 올바르지 않습니다.")
    .transform((v) => parseId(v)),
});
