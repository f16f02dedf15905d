import { z } from "zod";
import { characterCount } from "./forms";
import { parseId } from "./ids";

export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_BYTES = 64 * 1024;
export const COMMENT_MAX_LENGTH = 2000;
/** A full 64 KiB body of Korean text is about three times larger once percent-encoded. */
export const POST_FORM_MAX_BYTES = 4 * BODY_MAX_BYTES;
export const COMMENT_FORM_MAX_BYTES = 32 * 1024;

const utf8Bytes = (value: string) => Buffer.byteLength(value, "utf8");

export const postSchema = z.object({
  category: z.string().min(1, "카테고리를 골라 주세요."),
  title: z
    .string()
    .trim()
    .min(1, "제목을 입력해 주세요.")
    .refine((v) => characterCount(v) <= TITLE_MAX_LENGTH, `제목은 ${TITLE_MAX_LENGTH}자 이하로 입력해 주세요.`),
  body: z
    .string()
    .refine((v) => v.trim().length > 0, "본문을 입력해 주세요.")
    .refine((v) => utf8Bytes(v) <= BODY_MAX_BYTES, "본문은 64KB 이하로 입력해 주세요."),
});

export type PostInput = z.output<typeof postSchema>;

export const commentSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "댓글 내용을 입력해 주세요.")
    .refine((v) => characterCount(v) <= COMMENT_MAX_LENGTH, `댓글은 ${COMMENT_MAX_LENGTH}자 이하로 입력해 주세요.`),
  parentId: z
    .string()
    .optional()
    .refine((v) => !v || parseId(v) !== null, "답글을 달 댓글이 올바르지 않습니다.")
    .transform((v) => parseId(v)),
});
