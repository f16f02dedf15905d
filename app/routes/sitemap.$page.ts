import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { sitemapResponse } from "~/lib/sitemap-xml.server";
import { listBoards } from "~/models/boards.server";
import { countPostSitemapPages, listSitemapPosts } from "~/models/sitemap.server";

const NO_SITEMAP = "없는 사이트맵입니다.";

/** `/sitemap/boards.xml`: the first page and each board's list; `/sitemap/<n>.xml`: the live posts of range n. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = context;
  const origin = new URL(request.url).origin;
  if (params.page === "boards.xml") {
    const boards = await listBoards(db);
    return sitemapResponse([
      { url: `${origin}/` },
      { url: `${origin}/hot` },
      ...boards.map((board) => ({ url: `${origin}/${board.slug}` })),
    ]);
  }
  const page = /^[1-9][0-9]{0,6}\.xml$/.test(params.page ?? "") ? Number.parseInt(params.page ?? "", 10) : null;
  if (page === null || page > (await countPostSitemapPages(db))) throw notFound(NO_SITEMAP);
  const posts = await listSitemapPosts(db, page);
  return sitemapResponse(
    posts.map((post) => ({ url: `${origin}/${post.boardSlug}/${post.id}`, lastModified: post.updatedAt })),
  );
}
