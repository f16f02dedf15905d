import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { createAccount } from "~/auth/accounts.server";
import { getClientAddress } from "~/auth/client-address.server";
import { signupSchema } from "~/auth/credential-schemas.server";
import { AUTH_FORM_MAX_BYTES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/auth/credentials";
import { FormAlert, FormField, useClearedPasswords } from "~/components/FormField";
import { guestPageRedirectTo, startSessionOnDevice } from "~/auth/session.server";
import { parseSubmission } from "~/lib/form-submission.server";
import type { FieldErrors } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/origin.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { keepRetryAfter } from "~/lib/retry-after";
import { forgetSignup, startSignup } from "~/auth/signup-limit.server";
import { tooManyRequests } from "~/lib/http.server";
import { currentRateLimits } from "~/models/rate-limits.server";
import { pageMeta } from "~/lib/page-meta";

export const headers = keepRetryAfter;

export const meta: MetaFunction = () => pageMeta("회원가입", "마당 회원이 되어 글과 댓글을 씁니다.");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { redirectTo: await guestPageRedirectTo(context, request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = await parseSubmission(request, signupSchema, AUTH_FORM_MAX_BYTES, ["username"]);
  const { values } = submission;
  if (!submission.ok) return data({ values, fieldErrors: submission.fieldErrors, formError: undefined }, 400);
  const limit = currentRateLimits()?.signupsPerAddress;
  const signup = limit ? await startSignup(context.db, getClientAddress(request, context), limit) : null;
  if (signup && !signup.allowed) {
    const minutes = Math.ceil(signup.retryAfterSeconds / 60);
    const formError = `이 주소에서 새 계정을 너무 많이 만들었습니다. ${minutes}분 뒤에 다시 시도해 주세요.`;
    return data({ values, fieldErrors: {} as FieldErrors, formError }, tooManyRequests(signup.retryAfterSeconds));
  }
  const created = await createAccount(context.db, submission.data);
  if (!created.ok) {
    if (signup) await forgetSignup(context.db, signup.signupId);
    return data({ values, fieldErrors: created.fieldErrors, formError: undefined }, 400);
  }
  const headers = await startSessionOnDevice(context.db, request, created.userId);
  return redirect(safeRedirectPath(submission.fields.redirectTo, "/"), { status: 303, headers });
}

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  useClearedPasswords(formRef, result);
  const loginHref = redirectTo === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo })}`;
  return (
    <main className="auth-page">
      <h1>회원가입</h1>
      <Form method="post" ref={formRef} className="auth-form">
        <FormAlert message={result?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField
          required
          name="username"
          label="아이디"
          autoComplete="username"
          defaultValue={result?.values.username}
          error={result?.fieldErrors.username}
          hint="영문 소문자, 숫자, 밑줄(_)로 3~20자"
        />
        <FormField
          required
          name="password"
          label="비밀번호"
          type="password"
          autoComplete="new-password"
          error={result?.fieldErrors.password}
          hint={`${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하`}
        />
        <button type="submit">가입하기</button>
      </Form>
      <p className="auth-page__switch">
        이미 회원이신가요? <Link to={loginHref}>로그인</Link>
      </p>
    </main>
  );
}
