import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, keyboard focus goes to the new page's h1 (or the main region), as a full page load
 * starts a reader at the top, rather than staying on a link that no longer exists and falling back to the body.
 * Left alone: the first render, a page reached by submitting a form that writes (its answer lands where the form
 * was, and may move focus itself), a revalidation (no new location), and an address with a #fragment, which names
 * its own target. The scroll position is left to ScrollRestoration.
 */
export function useHeadingFocusOnNavigation(): void {
  const location = useLocation();
  const navigation = useNavigation();
  const shownKey = useRef(location.key);
  const afterWrite = useRef(false);

  useEffect(() => {
    if (navigation.formMethod !== undefined && navigation.formMethod.toUpperCase() !== "GET") {
      afterWrite.current = true;
    }
  }, [navigation.formMethod]);

  useEffect(() => {
    if (shownKey.current === location.key) return;
    shownKey.current = location.key;
    const skip = afterWrite.current || location.hash !== "";
    afterWrite.current = false;
    if (skip) return;
    const target = document.querySelector<HTMLElement>("#main h1") ?? document.getElementById("main");
    if (target === null) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [location.key, location.hash]);
}
