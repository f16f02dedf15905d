import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/session.server";
import { assertSameOrigin } from "~/lib/origin.server";

// Logging out changes state, so it is a POST (the header's logout button); a visit to /logout just goes home.
export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect("/", { status: 303, headers: await endSession(context.db, request) });
}
