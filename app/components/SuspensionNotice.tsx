import { Link } from "@remix-run/react";

/** Shown to a suspended member where a write form would be: why, until when, and the way back. */
export function SuspensionNotice({ message, backHref }: { message: string; backHref?: string }) {
  return (
    <div className="suspension-notice" role="alert">
      <p>{message}</p>
      {backHref ? (
        <Link to={backHref} className="button">
          돌아가기
        </Link>
      ) : null}
    </div>
  );
}
