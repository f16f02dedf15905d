import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapIndexResponse } from "~/lib/sitemap-xml.server";
import { countPostSitemapPages } from "~/models/sitemap.server";

/** The sitemap index: the boards' sitemap, then one sitemap per range of post ids. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const pages = await countPostSitemapPages(context.db);
  return sitemapIndexResponse([
    { url: `${origin}/sitemap/boards.xml` },
    ...Array.from({ length: pages }, (_, i) => ({ url: `${origin}/sitemap/${i + 1}.xml` })),
  ]);
}
