import { notFound } from "~/lib/http.server";

// Every address no other route matches lands here (a splat route ranks last), so its 404 is a page of this route,
// rendered by the root's error boundary the same way on the server and in the browser. Left to Remix itself, an
// unmatched address of three or more segments hydrates with React error #418 (remix-run/remix#10697).

export function loader(): never {
  throw notFound("찾으시는 페이지가 없습니다. 주소를 확인해 주세요.");
}

/** Never rendered (the loader always throws), but a route with a component is a page, not a resource route. */
export default function UnmatchedAddress() {
  return null;
}
