import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { HotList } from "~/components/HotList";
import { notFound } from "~/lib/http.server";
import { getBoardBySlug } from "~/models/boards.server";
import { getHotListForReader } from "~/models/hot-posts.server";
import { pageMeta } from "~/lib/page-meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(`${data.board.name} HOT`, `마당 ${data.board.name} 게시판에서 지금 댓글과 조회가 몰리는 글입니다.`)
    : pageMeta(null);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await getBoardBySlug(context.db, params.board ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const user = await getSessionUser(context, request);
  return {
    board: { slug: board.slug, name: board.name },
    list: await getHotListForReader(context.db, request, user, board.id),
  };
}

export default function BoardHotPage() {
  const { board, list } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">
        <Link to={`/${board.slug}`}>{board.name}</Link> HOT
      </h1>
      <p className="field-hint">
        이 게시판에서 지난 24시간 동안 조회, 댓글, 스크랩이 많은 글입니다. <Link to="/hot">전체 HOT</Link>
      </p>
      <HotList {...list} listPath={`/${board.slug}/hot`} />
    </main>
  );
}
