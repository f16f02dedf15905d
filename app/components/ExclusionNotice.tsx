import { Form, Link } from "@remix-run/react";

export interface ExclusionNoticeProps {
  /** The categories this list excludes right now. */
  excluded: { slug: string; name: string }[];
  /** The list's path without a query, e.g. "/square" or "/". */
  listPath: string;
  /** Where 이번만 모두 보기 goes: the list without exclusions, unless given (a search keeps its query). */
  showAllHref?: string;
}

/** Says which categories a list excludes, with a link that shows them this once and a button that stops excluding them. */
export function ExclusionNotice({ excluded, listPath, showAllHref = `${listPath}?exclude=` }: ExclusionNoticeProps) {
  if (excluded.length === 0) return null;
  const names = excluded.map((c) => c.name).join(", ");
  return (
    <div className="status-line" role="status">
      <span>{names} 카테고리를 숨기는 중입니다.</span> <Link to={showAllHref}>이번만 모두 보기</Link>{" "}
      <Form method="post" action="/settings/filters" className="inline-form">
        <input type="hidden" name="intent" value="clear" />
        <input type="hidden" name="redirectTo" value={listPath} />
        <button type="submit" className="link-button">
          숨기지 않기
        </button>
      </Form>{" "}
      <Link to="/settings/filters">카테고리 숨기기 설정</Link>
    </div>
  );
}
