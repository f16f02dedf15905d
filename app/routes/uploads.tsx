import type { ActionFunctionArgs } from "@remix-run/node";
import { assertNotSuspended } from "~/auth/active-member.server";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { acceptImages } from "~/actions/image-uploads.server";
import { notFound } from "~/lib/http.server";
import { IMAGE_FORM_MESSAGES, readImageForm } from "~/lib/image-form.server";
import { assertSameOrigin } from "~/lib/origin.server";
import { retryAfterHeaders } from "~/lib/retry-after";

// The files themselves (GET /uploads/<hash>.<ext>) are served by server.js, never through Remix.

/** The multipart envelope around one file: its field names and boundaries, never a second file. */
const ENVELOPE_MAX_BYTES = 16 * 1024;

function answer(status: number, body: Record<string, unknown>, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function loader(): never {
  throw notFound();
}

/**
 * One image from the editor's script (field `file`): 201 with its address and the Markdown to insert. A visitor gets
 * a 401 when the script asks for JSON, else the login page; every refusal carries a Korean `error`.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  const user = wantsJson ? await getSessionUser(context, request) : await requireUser(context, request);
  if (!user) return answer(401, { error: "로그인한 회원만 그림을 올릴 수 있습니다." });
  await assertNotSuspended(context.db, user);
  const { files, refusal } = await readImageForm(request, {
    fileField: "file",
    maxFiles: 1,
    maxTextBytes: ENVELOPE_MAX_BYTES,
  }).catch((thrown: unknown) => {
    // Over the size of one image: the script shows the same message as for a file over the limit.
    if (thrown instanceof Response && thrown.status === 413) throw answer(413, { error: IMAGE_FORM_MESSAGES.tooLarge });
    throw thrown;
  });
  if (refusal) return answer(refusal.status, { error: refusal.message });
  if (files.length === 0) return answer(400, { error: "올릴 그림 파일을 골라 주세요." });
  const accepted = await acceptImages(context.db, user, files);
  if (!accepted.ok) {
    const headers = accepted.retryAfterSeconds ? retryAfterHeaders(accepted.retryAfterSeconds) : undefined;
    return answer(accepted.status, { error: accepted.message }, headers);
  }
  const [upload] = accepted.uploads;
  return answer(201, { ...upload });
}
