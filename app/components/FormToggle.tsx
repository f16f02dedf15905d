import type { ReactNode } from "react";
import { flushSync } from "react-dom";
import { useHydrated } from "./useHydrated";

const FIRST_FIELD = "textarea, input:not([type=hidden])";

interface FormToggleProps {
  /** For an address to land on when nothing else near it has an id. */
  id?: string;
  /** The id of the form it opens: named by aria-controls, and where focus goes once it opens. */
  formId: string;
  open: boolean;
  /** Without JavaScript: the page with the form open, or closed when it is open. */
  href: string;
  onToggle: () => void;
  children: ReactNode;
}

/**
 * Opens a form rendered only on request (답글, 신고): a link to the page with that form open before the page
 * hydrates and without JavaScript; after, a button that opens and closes it in place, with no navigation, and moves
 * focus to the form's first field so that a keyboard reader lands there.
 */
export function FormToggle({ id, formId, open, href, onToggle, children }: FormToggleProps) {
  const hydrated = useHydrated();
  if (!hydrated) {
    // A plain link: before hydration a click loads the page anyway, and a <Link> costs the server more to render.
    return (
      <a id={id} href={href} className="link-button form-toggle" aria-expanded={open}>
        {children}
      </a>
    );
  }
  return (
    <button
      id={id}
      type="button"
      className="link-button form-toggle"
      aria-expanded={open}
      aria-controls={open ? formId : undefined}
      onClick={() => {
        // Rendered at once, so the opened form's field is there to be focused.
        flushSync(onToggle);
        if (!open) document.getElementById(formId)?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
      }}
    >
      {children}
    </button>
  );
}
