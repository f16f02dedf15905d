import type { LoaderFunctionArgs } from "@remix-run/node";
import { robotsTxtResponse } from "~/lib/sitemap-xml.server";

export function loader({ request }: LoaderFunctionArgs) {
  return robotsTxtResponse(new URL(request.url).origin);
}
