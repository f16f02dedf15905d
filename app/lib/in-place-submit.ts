import type { FetcherWithComponents } from "@remix-run/react";
import type { FormEvent } from "react";

/** The field that asks an action to answer in place (with data) rather than redirect back. */
export const IN_PLACE_FIELD = "inPlace";

/**
 * Sends a fetcher form marked in place, so its action answers with data and the page stays where it is (a fetcher
 * follows a redirect away). Without JavaScript the same form posts unmarked and is redirected back.
 */
export function submitInPlace(
  fetcher: Pick<FetcherWithComponents<unknown>, "submit">,
  event: FormEvent<HTMLFormElement>,
) {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  form.set(IN_PLACE_FIELD, "1");
  fetcher.submit(form, { method: "post", preventScrollReset: true });
}
