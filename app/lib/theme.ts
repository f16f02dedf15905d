/** Where a browser keeps its reader's theme choice; no choice follows the system setting. */
const THEME_STORAGE_KEY = "madang-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

export type ThemeChoice = "light" | "dark";

/**
 * Runs in <head> before anything is painted: puts the stored choice, or "system", on <html data-theme>, which sets
 * the page's color-scheme (app.css), so the first frame is already in the reader's theme. It is the same text for
 * every reader, so the pages served from the shared cache do not vary by reader.
 */
export const THEME_SCRIPT = `(function(){var t;try{t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}document.documentElement.dataset.theme=t==="light"||t==="dark"?t:"system"})()`;

/** Whether the page is drawn dark now: the reader's choice, else the system's. */
export function isDarkThemeShown(): boolean {
  const theme = document.documentElement.dataset.theme;
  return theme === "dark" || (theme !== "light" && window.matchMedia(DARK_QUERY).matches);
}

/** Applies a choice at once and keeps it for this browser (where storage is refused, for this page only). */
export function chooseTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice;
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage off (a private window, a policy): the choice holds until the page is left.
  }
}

/** Calls `onChange` when the system setting changes; returns the unsubscribe. */
export function watchSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
