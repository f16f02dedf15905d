import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useHydrated } from "./useHydrated";

interface InPlaceButtonProps {
  /** Where the plain link goes without JavaScript: a page that shows what the button loads in place. */
  href: string;
  onPress: () => void;
  busy: boolean;
  children: ReactNode;
}

/**
 * An action that loads in place with JavaScript (댓글 더 보기): a real button, so Enter and Space both press it, and
 * the link it stands for before the page hydrates and without JavaScript.
 */
export function InPlaceButton({ href, onPress, busy, children }: InPlaceButtonProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <Link to={href} className="button" preventScrollReset>
        {children}
      </Link>
    );
  }
  return (
    <button type="button" className="button" onClick={onPress} aria-busy={busy}>
      {children}
    </button>
  );
}
