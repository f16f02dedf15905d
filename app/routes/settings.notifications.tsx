import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { SaveButtonRow } from "~/components/SaveButtonRow";
import { SettingsNav } from "~/components/SettingsNav";
import { parseSubmission } from "~/lib/form-submission.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { getNotificationSettings, saveNotificationSettings } from "~/models/notifications.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => pageMeta("알림 설정", "어떤 알림을 받을지 정합니다.");

const SETTINGS_FORM_MAX_BYTES = 1024;

/** A checkbox sends "1" when ticked and nothing otherwise; any other value is not from this form. */
const checkbox = z
  .string()
  .optional()
  .refine((value) => value === undefined || value === "1", "알림 설정 값이 올바르지 않습니다.")
  .transform((value) => value === "1");

const settingsSchema = z.object({ comment: checkbox, reply: checkbox, moderation: checkbox });

const KINDS = [
  { name: "comment", label: "내 글에 댓글이 달리면 알림 받기" },
  { name: "reply", label: "내 댓글에 답글이 달리면 알림 받기" },
  { name: "moderation", label: "내 글이나 댓글이 블라인드 처리되거나 복구되면 알림 받기" },
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(context, request);
  return { settings: await getNotificationSettings(context.db, user.id) };
}

// Personal settings stay open to suspended members, like the password and the filters.
export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(context, request);
  const submission = await parseSubmission(request, settingsSchema, SETTINGS_FORM_MAX_BYTES);
  if (!submission.ok) {
    const error = Object.values(submission.fieldErrors)[0] ?? "알림 설정 값이 올바르지 않습니다.";
    return data({ saved: false, error }, 400);
  }
  await saveNotificationSettings(context.db, user.id, submission.data);
  return { saved: true, error: null };
}

export default function NotificationSettingsPage() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="panel">
      <SettingsNav />
      <h1 className="board-title">알림 설정</h1>
      <p className="field-hint">끈 알림은 새로 쌓이지 않습니다. 이미 받은 알림은 그대로 남습니다.</p>
      <Form method="post" className="form">
        <fieldset className="field">
          <legend>받을 알림</legend>
          {KINDS.map((kind) => (
            <label key={kind.name}>
              <input type="checkbox" name={kind.name} value="1" defaultChecked={settings[kind.name]} /> {kind.label}
            </label>
          ))}
        </fieldset>
        <SaveButtonRow error={result?.error} saved={result?.saved === true} />
      </Form>
    </main>
  );
}
