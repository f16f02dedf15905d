import { redirect } from "@remix-run/node";
import { DEFAULT_BOARD_SLUG } from "~/models/boards.server";

export function loader() {
  return redirect(`/${DEFAULT_BOARD_SLUG}`);
}
