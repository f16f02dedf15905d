import { z } from "zod";
import { characterCount } from "~/lib/forms";
import { isReservedUsername } from "./reserved-usernames";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  WRONG_CREDENTIALS_MESSAGE,
  WRONG_CURRENT_PASSWORD_MESSAGE,
} from "./credentials";

// Usernames are unique regardless of case, so they are stored and looked up in lower case.
const username = z
  .string()
  .trim()
  .min(1, "아이디를 입력해 주세요.")
  .transform((value) => value.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_]{3,20}$/, "아이디는 영문 소문자, 숫자, 밑줄(_)로 3~20자여야 합니다."));

// Never trimmed or truncated: every character the user typed is part of the password.
const newPassword = z
  .string()
  .min(1, "비밀번호를 입력해 주세요.")
  .refine(
    (value) => characterCount(value) >= PASSWORD_MIN_LENGTH && characterCount(value) <= PASSWORD_MAX_LENGTH,
    `비밀번호는 ${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하여야 합니다.`,
  );

// At login, a password that could never have been set is simply a wrong one; the cap keeps hashing cheap.
const enteredPassword = (wrongPasswordMessage: string) =>
  z
    .string()
    .min(1, "비밀번호를 입력해 주세요.")
    .refine((value) => characterCount(value) <= PASSWORD_MAX_LENGTH, wrongPasswordMessage);

export const signupSchema = z.object({
  username: username.refine(
    (value) => !isReservedUsername(value),
    "사용할 수 없는 아이디입니다. 다른 아이디를 골라 주세요.",
  ),
  password: newPassword,
});

export const loginSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, "아이디를 입력해 주세요.")
    .max(100, WRONG_CREDENTIALS_MESSAGE)
    .transform((value) => value.toLowerCase()),
  password: enteredPassword(WRONG_CREDENTIALS_MESSAGE),
});

export const passwordChangeSchema = z.object({
  currentPassword: enteredPassword(WRONG_CURRENT_PASSWORD_MESSAGE),
  newPassword,
});
