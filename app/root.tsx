import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { readSession } from "~/auth/session.server";
import { ThemeToggle } from "~/components/ThemeToggle";
import { useHeadingFocusOnNavigation } from "~/components/useHeadingFocusOnNavigation";
import { useSpaceOnButtonLinks } from "~/components/useSpaceOnButtonLinks";
import { useCspNonce } from "~/lib/csp-nonce";
import { notificationLinkLabel, notificationLinkText } from "~/lib/notification-text";
import { pageMeta } from "~/lib/page-meta";
import { THEME_SCRIPT } from "~/lib/theme";
import { listBoards } from "~/models/boards.server";
import { isAdmin } from "~/models/permissions";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [session, boards] = await Promise.all([readSession(context, request), listBoards(context.db)]);
  // The session's renewed (or cleared) cookie rides on every page, so active members stay logged in.
  return data(
    {
      // The header shows the name and, for admins, their links: the member's id stays on the server.
      user: session.user && { username: session.user.username, role: session.user.role },
      unreadNotifications: session.unreadNotifications,
      boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
    },
    { headers: session.headers },
  );
}

/** The header's 알림 count is read again when the member opens or leaves their notifications, not only after a form. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate ||
  currentUrl.pathname.startsWith("/notifications") ||
  nextUrl.pathname.startsWith("/notifications");

/** The member's 알림 link, marked while anything is unread. */
function NotificationLink({ unread }: { unread: number }) {
  return (
    <Link
      to="/notifications"
      aria-label={notificationLinkLabel(unread)}
      className={unread > 0 ? "account-nav__unread" : undefined}
    >
      {notificationLinkText(unread)}
    </Link>
  );
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-logo">
          마당
        </Link>
        <nav aria-label="게시판" className="board-nav">
          {data?.boards.map((board) => (
            <NavLink key={board.slug} to={`/${board.slug}`} prefetch="intent">
              {board.name}
            </NavLink>
          ))}
          <NavLink to="/hot">HOT</NavLink>
          <NavLink to="/notices">공지</NavLink>
          <NavLink to="/search">검색</NavLink>
        </nav>
        <nav aria-label="계정" className="account-nav">
          {user ? (
            <>
              <Link to="/me" className="account-nav__name" title="내 정보">
                {user.username}
              </Link>
              <NotificationLink unread={data?.unreadNotifications ?? 0} />
              <Link to="/scraps">스크랩</Link>
              <Link to="/settings/password">설정</Link>
              {isAdmin(user) ? (
                <>
                  <Link to="/admin/boards">관리</Link>
                  <Link to="/admin/reports">신고</Link>
                </>
              ) : null}
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  로그아웃
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">로그인</Link>
              <Link to="/signup">회원가입</Link>
            </>
          )}
        </nav>
        <ThemeToggle />
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useCspNonce();
  useHeadingFocusOnNavigation();
  useSpaceOnButtonLinks();
  return (
    // data-theme is set by THEME_SCRIPT before React hydrates, so <html> differs from the server's on purpose.
    <html lang="ko" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          메뉴 건너뛰기
        </a>
        <SiteHeader />
        <div id="main" className="site-main" tabIndex={-1}>
          {children}
        </div>
        <footer className="site-footer">
          <Link to="/about">마당 소개</Link>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const ERROR_TITLES: Record<number, string> = {
  400: "잘못된 요청입니다",
  403: "권한이 없습니다",
  404: "페이지를 찾을 수 없습니다",
  405: "이 주소에서는 할 수 없는 요청입니다",
  413: "보낸 내용이 너무 큽니다",
};

const ERROR_MESSAGES: Record<number, string> = {
  404: "찾으시는 페이지가 없습니다. 주소를 확인해 주세요.",
  405: "이 주소에서는 할 수 없는 요청입니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.",
};

/** The heading of an error page, and its title. */
function errorTitle(error: unknown): string {
  if (!isRouteErrorResponse(error)) return "문제가 생겼습니다";
  return ERROR_TITLES[error.status] ?? `오류 ${error.status}`;
}

/** Only an error page rendered by this route's boundary shows the root's meta: the other pages have their own. */
export const meta: MetaFunction = ({ error }) => (error === undefined ? [] : pageMeta(errorTitle(error)));

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    // The app's own responses carry a Korean message; Remix's internal ones (unmatched path or method) never show.
    const internal = (error as { internal?: boolean }).internal === true;
    const message =
      !internal && typeof error.data === "string" && error.data
        ? error.data
        : (ERROR_MESSAGES[error.status] ?? "요청을 처리할 수 없습니다.");
    return (
      <main className="error-page">
        <h1>{errorTitle(error)}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">첫 화면으로</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="error-page">
      <h1>{errorTitle(error)}</h1>
      <p>잠시 후 다시 시도해 주세요.</p>
      <p>
        <Link to="/">첫 화면으로</Link>
      </p>
    </main>
  );
}
