import { useEffect } from "react";

/**
 * Links drawn as buttons (목록, 수정, 취소) answer Space as buttons do, not only Enter: a reader who sees a button
 * expects both. Space on an ordinary link still scrolls the page. One listener for the whole document.
 */
export function useSpaceOnButtonLinks(): void {
  useEffect(() => {
    const pressOnSpace = (event: KeyboardEvent) => {
      if (event.key !== " " || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (!(target instanceof HTMLAnchorElement) || !target.classList.contains("button")) return;
      event.preventDefault();
      target.click();
    };
    document.addEventListener("keydown", pressOnSpace);
    return () => document.removeEventListener("keydown", pressOnSpace);
  }, []);
}
