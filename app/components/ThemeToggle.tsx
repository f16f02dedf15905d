import { useEffect, useState } from "react";
import { chooseTheme, isDarkThemeShown, watchSystemTheme } from "~/lib/theme";

/**
 * 다크 모드 on or off, remembered by this browser. Pressed state is known only in the browser, so the server's
 * page (shared by every logged-out reader) leaves it unset; without JavaScript the button is hidden (app.css).
 */
export function ThemeToggle() {
  const [dark, setDark] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const follow = () => setDark(isDarkThemeShown());
    follow();
    return watchSystemTheme(follow);
  }, []);
  return (
    <button
      type="button"
      className="link-button theme-toggle"
      aria-pressed={dark}
      onClick={() => {
        const next = !isDarkThemeShown();
        chooseTheme(next ? "dark" : "light");
        setDark(next);
      }}
    >
      다크 모드
    </button>
  );
}
