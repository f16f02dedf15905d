import { NavLink } from "@remix-run/react";

/** The admin area's own menu, on each of its pages. */
export function AdminNav() {
  return (
    <nav aria-label="관리" className="category-tabs">
      <NavLink to="/admin/boards" end>
        게시판 관리
      </NavLink>
      <NavLink to="/admin/reports">신고 처리</NavLink>
      <NavLink to="/admin/log">관리 기록</NavLink>
    </nav>
  );
}
