import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { BoardList } from "~/components/BoardList";
import { feedLink } from "~/lib/feed-links";
import { notFound } from "~/lib/http.server";
import { getBoardListForReader, parseBoardListingQuery } from "~/models/board-listing.server";
import { readBlockedAuthorIds } from "~/models/blocks.server";
import { getBoardBySlug } from "~/models/boards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.list.listing.category?.name ?? data.board.name} - 마당` },
        feedLink(`/${data.board.slug}/feed.xml`, data.board.name),
      ]
    : [{ title: "마당" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await getBoardBySlug(context.db, params.board ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const { categorySlug } = parseBoardListingQuery(new URL(request.url).searchParams);
  if (categorySlug && !board.categories.some((c) => c.slug === categorySlug)) throw notFound("없는 카테고리입니다.");
  const user = await getSessionUser(context.db, request);
  const blockedAuthorIds = await readBlockedAuthorIds(context.db, user);
  return {
    board: { slug: board.slug, name: board.name },
    list: await getBoardListForReader(context.db, board, request, { user, blockedAuthorIds }),
  };
}

export default function BoardPage() {
  const { board, list } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1 className="board-title">
        <Link to={`/${board.slug}`}>{board.name}</Link>
      </h1>
      <div className="board-actions">
        <Link to={`/${board.slug}/hot`} className="button">
          HOT
        </Link>
        <Link to={`/${board.slug}/write`} className="button button--primary">
          글쓰기
        </Link>
      </div>
      <BoardList {...list} />
    </main>
  );
}
