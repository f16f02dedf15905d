import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomFeedResponse } from "~/lib/atom-feed.server";
import { feedEntries, listHotFeedPosts } from "~/models/feeds.server";

/** The HOT ranking's Atom feed, in ranking order. Served through the logged-out list cache. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const posts = await listHotFeedPosts(context.db);
  return atomFeedResponse({
    title: "HOT - 마당",
    pageUrl: `${origin}/hot`,
    feedUrl: `${origin}/hot/feed.xml`,
    emptyUpdatedAt: Date.now(),
    entries: feedEntries(posts, origin),
  });
}
