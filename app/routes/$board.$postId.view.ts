import type { LoaderFunctionArgs } from "@remix-run/node";
import { getClientAddress } from "~/auth/client-address.server";
import { getSessionUser } from "~/auth/session.server";
import { parseId } from "~/lib/ids";
import { countPostView } from "~/models/views.server";

// A transparent 1×1 GIF: the post page shows it as an image, which counts the view (see app/models/views.server.ts).
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * The view of a post, counted by the image its page shows (it works without JavaScript, and only a client that loads
 * the page's images counts). Every answer is the same tiny image, never cached, counted or not, missing post or not:
 * the page never shows a broken image, and a crawler never meets an error page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const postId = parseId(params.postId);
  if (postId !== null && request.method === "GET") {
    const user = await getSessionUser(context, request);
    await countPostView(context.db, {
      postId,
      readerUserId: user?.id ?? null,
      request,
      clientAddress: getClientAddress(request, context),
    });
  }
  return new Response(PIXEL, {
    headers: { "Content-Type": "image/gif", "Cache-Control": "no-store", "Content-Length": String(PIXEL.length) },
  });
}
