import { NavLink } from "@remix-run/react";

/** The member's settings pages, shown on top of each (the header's 설정 leads to the first). */
export function SettingsNav() {
  return (
    <nav aria-label="설정" className="category-tabs">
      <NavLink to="/settings/password">비밀번호 변경</NavLink>
      <NavLink to="/settings/filters">카테고리 숨기기</NavLink>
      <NavLink to="/settings/blocks">차단 목록</NavLink>
      <NavLink to="/settings/notifications">알림 설정</NavLink>
    </nav>
  );
}
