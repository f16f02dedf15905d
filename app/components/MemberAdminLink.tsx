import { Link } from "@remix-run/react";

/** Beside an author's name, for admins only: to the member's page, where they can be suspended. */
export function MemberAdminLink({ href }: { href: string | null }) {
  if (href === null) return null;
  return (
    <>
      {" "}
      <Link to={href} className="member-admin-link">
        관리
      </Link>
    </>
  );
}
