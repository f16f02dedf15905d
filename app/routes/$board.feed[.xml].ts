import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomFeedResponse } from "~/lib/atom-feed.server";
import { notFound } from "~/lib/http.server";
import { getBoardBySlug } from "~/models/boards.server";
import { feedEntries, listBoardFeedPosts } from "~/models/feeds.server";

/** The board's Atom feed: its newest live posts. Served through the logged-out list cache (list-page-cache.server.ts). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const board = await getBoardBySlug(context.db, params.board ?? "");
  if (!board) throw notFound("없는 게시판입니다.");
  const origin = new URL(request.url).origin;
  const posts = await listBoardFeedPosts(context.db, board.id);
  return atomFeedResponse({
    title: `${board.name} - 마당`,
    pageUrl: `${origin}/${board.slug}`,
    feedUrl: `${origin}/${board.slug}/feed.xml`,
    emptyUpdatedAt: Date.now(),
    entries: feedEntries(posts, origin),
  });
}
