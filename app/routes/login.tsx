import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { attemptLogin } from "~/auth/accounts.server";
import { getClientAddress } from "~/auth/client-address.server";
import { deviceTokenOf } from "~/auth/known-devices.server";
import { loginSchema } from "~/auth/credential-schemas.server";
import { AUTH_FORM_MAX_BYTES } from "~/auth/credentials";
import { FormAlert, FormField, useClearedPasswords } from "~/components/FormField";
import { guestPageRedirectTo, startSessionOnDevice } from "~/auth/session.server";
import { parseSubmission } from "~/lib/form-submission.server";
import type { FieldErrors } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/origin.server";
import { keepRetryAfter, retryAfterHeaders } from "~/lib/retry-after";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("로그인", "마당에 로그인하고 글과 댓글을 씁니다.");

export const headers = keepRetryAfter;

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { redirectTo: await guestPageRedirectTo(context, request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = await parseSubmission(request, loginSchema, AUTH_FORM_MAX_BYTES, ["username"]);
  const { values } = submission;
  if (!submission.ok) return data({ values, fieldErrors: submission.fieldErrors, formError: undefined }, 400);
  const deviceToken = deviceTokenOf(request);
  const ip = getClientAddress(request, context);
  const login = await attemptLogin(context.db, { ip, deviceToken, ...submission.data });
  if (!login.ok) {
    const headers = login.status === 429 ? retryAfterHeaders(login.retryAfterSeconds) : undefined;
    const fieldErrors: FieldErrors = {};
    return data({ values, fieldErrors, formError: login.message }, { status: login.status, headers });
  }
  const headers = await startSessionOnDevice(context.db, request, login.user.id);
  return redirect(safeRedirectPath(submission.fields.redirectTo, "/"), { status: 303, headers });
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  useClearedPasswords(formRef, result);
  const signupHref = redirectTo === "/" ? "/signup" : `/signup?${new URLSearchParams({ redirectTo })}`;
  return (
    <main className="auth-page">
      <h1>로그인</h1>
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
        />
        <FormField
          required
          name="password"
          label="비밀번호"
          type="password"
          autoComplete="current-password"
          error={result?.fieldErrors.password}
        />
        <button type="submit">로그인</button>
      </Form>
      <p className="auth-page__switch">
        아직 회원이 아니신가요? <Link to={signupHref}>회원가입</Link>
      </p>
    </main>
  );
}
