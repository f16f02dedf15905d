import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { HotList } from "~/components/HotList";
import { feedLink } from "~/lib/feed-links";
import { getHotListForReader } from "~/models/hot-posts.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction = () => [
  ...pageMeta("HOT", "마당 모든 게시판에서 지금 댓글과 조회가 몰리는 글입니다."),
  feedLink("/hot/feed.xml", "HOT"),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(context, request);
  return getHotListForReader(context.db, request, user);
}

export default function HotPage() {
  const list = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">
        <Link to="/hot">HOT</Link>
      </h1>
      <p className="field-hint">
        지난 24시간 동안 조회, 댓글, 스크랩이 많은 글입니다. 1분마다 새로 집계합니다.{" "}
        <a href="/hot/feed.xml">Atom 피드</a>
      </p>
      <HotList {...list} listPath="/hot" />
    </main>
  );
}
