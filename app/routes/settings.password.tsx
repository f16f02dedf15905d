import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useRef } from "react";
import { changePassword } from "~/auth/accounts.server";
import { getClientAddress } from "~/auth/client-address.server";
import { deviceTokenOf } from "~/auth/known-devices.server";
import { passwordChangeSchema } from "~/auth/credential-schemas.server";
import { AUTH_FORM_MAX_BYTES, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/auth/credentials";
import { FormAlert, FormField, useClearedPasswords } from "~/components/FormField";
import { requireUser, startSession } from "~/auth/session.server";
import { SettingsNav } from "~/components/SettingsNav";
import { parseSubmission } from "~/lib/form-submission.server";
import type { FieldErrors } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/origin.server";
import { keepRetryAfter, retryAfterHeaders } from "~/lib/retry-after";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("비밀번호 변경", "마당 계정의 비밀번호를 바꿉니다.");

export const headers = keepRetryAfter;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(context, request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(context, request);
  const submission = await parseSubmission(request, passwordChangeSchema, AUTH_FORM_MAX_BYTES);
  const noFieldErrors: FieldErrors = {};
  if (!submission.ok) return data({ fieldErrors: submission.fieldErrors, formError: undefined, changed: false }, 400);
  const ip = getClientAddress(request, context);
  const change = await changePassword(context.db, {
    user,
    ip,
    deviceToken: deviceTokenOf(request),
    ...submission.data,
  });
  if (!change.ok && change.status === 429) {
    const init = { status: 429, headers: retryAfterHeaders(change.retryAfterSeconds) };
    return data({ fieldErrors: noFieldErrors, formError: change.message, changed: false }, init);
  }
  if (!change.ok) return data({ fieldErrors: change.fieldErrors, formError: undefined, changed: false }, 400);
  // Every session ended with the change; this browser stays logged in on a new session id.
  const headers = await startSession(context.db, request, user.id);
  return data({ fieldErrors: noFieldErrors, formError: undefined, changed: true }, { headers });
}

export default function PasswordSettingsPage() {
  const result = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  useClearedPasswords(formRef, result);
  return (
    <main className="auth-page">
      <SettingsNav />
      <h1>비밀번호 변경</h1>
      <Form method="post" ref={formRef} className="auth-form">
        <FormAlert message={result?.formError} />
        <FormAlert tone="success" message={result?.changed ? "비밀번호를 변경했습니다." : undefined} />
        <FormField
          required
          name="currentPassword"
          label="현재 비밀번호"
          type="password"
          autoComplete="current-password"
          error={result?.fieldErrors.currentPassword}
        />
        <FormField
          required
          name="newPassword"
          label="새 비밀번호"
          type="password"
          autoComplete="new-password"
          error={result?.fieldErrors.newPassword}
          hint={`${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하`}
        />
        <button type="submit">변경하기</button>
      </Form>
      <p className="auth-page__note">변경하면 이 기기를 뺀 다른 모든 기기에서 로그아웃됩니다.</p>
    </main>
  );
}
