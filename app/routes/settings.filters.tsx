import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { SaveButtonRow } from "~/components/SaveButtonRow";
import { SettingsNav } from "~/components/SettingsNav";
import { readForm } from "~/lib/form-submission.server";
import { formFields } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/origin.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { isHttpsRequest } from "~/lib/trusted-proxies.server";
import { cookieExclusions, exclusionCookie, MAX_EXCLUDED_SLUGS } from "~/lib/exclusion-cookie";
import { getSavedExclusions, listExcludableCategories, saveExclusions } from "~/models/exclusions.server";
import { pageMeta } from "~/lib/page-meta";

// The address keeps its first name, /settings/filters, so links and bookmarks stay valid.
export const meta: MetaFunction = () => pageMeta("카테고리 숨기기", "목록에서 보고 싶지 않은 카테고리를 숨깁니다.");

const EXCLUSION_FORM_MAX_BYTES = 4 * 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context, request);
  const [categories, excluded] = await Promise.all([
    listExcludableCategories(context.db),
    user ? getSavedExclusions(context.db, user.id) : cookieExclusions(request),
  ]);
  return { categories, excluded, isMember: user !== null };
}

/** Members keep their exclusions in their settings, logged-out readers in a cookie; the form and its answers are the same. */
export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await getSessionUser(context, request);
  const form = await readForm(request, EXCLUSION_FORM_MAX_BYTES);
  const fields = formFields(form);
  const clearing = fields.intent === "clear";
  const chosen = clearing ? [] : [...new Set(form.getAll("exclude").map(String))];

  const known = new Set((await listExcludableCategories(context.db)).map((c) => c.slug));
  if (chosen.some((slug) => !known.has(slug))) {
    return data({ saved: false, excluded: chosen, error: "없는 카테고리가 있습니다. 목록에서 골라 주세요." }, 400);
  }
  if (chosen.length > MAX_EXCLUDED_SLUGS) {
    return data(
      { saved: false, excluded: chosen, error: `카테고리는 ${MAX_EXCLUDED_SLUGS}개까지 숨길 수 있습니다.` },
      400,
    );
  }

  const headers = new Headers();
  if (user) await saveExclusions(context.db, user.id, chosen);
  else headers.append("Set-Cookie", exclusionCookie(chosen, { secure: isHttpsRequest(request) }));
  if (clearing) return redirect(safeRedirectPath(fields.redirectTo, "/"), { status: 303, headers });
  return data({ saved: true, excluded: chosen, error: null }, { headers });
}

export default function ExclusionSettingsPage() {
  const { categories, excluded: savedExclusions, isMember } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const excluded = new Set(result?.excluded ?? savedExclusions);
  return (
    <main className="panel">
      {isMember ? <SettingsNav /> : null}
      <h1 className="board-title">카테고리 숨기기</h1>
      <p className="field-hint">
        고른 카테고리의 글은 게시판 목록과 첫 화면에서 보이지 않습니다. 공지는 언제나 보입니다.
        {isMember ? " 설정은 계정에 저장됩니다." : " 로그인하지 않았으므로 이 브라우저에만 저장됩니다."}
      </p>
      <Form method="post" className="form" key={result?.saved ? "saved" : "editing"}>
        <fieldset className="field">
          <legend>숨길 카테고리</legend>
          {categories.map((category) => (
            <label key={category.slug}>
              <input
                type="checkbox"
                name="exclude"
                value={category.slug}
                defaultChecked={excluded.has(category.slug)}
              />{" "}
              {category.name} 숨기기
            </label>
          ))}
        </fieldset>
        <SaveButtonRow error={result?.error} saved={result?.saved === true} />
      </Form>
    </main>
  );
}
