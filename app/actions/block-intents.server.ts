import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { idField, inPlaceField } from "~/lib/form-submission.server";
import { notFound } from "~/lib/http.server";
import { defineIntent, type IntentHandler } from "~/lib/intents.server";
import { removeBlock } from "~/models/blocks.server";

// The block list's action, kept out of the route module like the post page's (see post-intents.server.ts).

/** The block list's confirmation after an undo sent without JavaScript. */
export const UNBLOCKED_PARAM = "unblocked";

export interface BlockListContext {
  db: AppLoadContext["db"];
  user: SessionUser;
  /** The block list page the form was sent from, to return to. */
  url: URL;
  page: number;
}

/** Undoes one of the member's own blocks, named by the block's id (never by the blocked member). */
const unblockIntent = defineIntent(
  z.object({ blockId: idField("올바른 차단이 아닙니다."), inPlace: inPlaceField }),
  async ({ blockId, inPlace }, { db, user, url, page }: BlockListContext, _refuse, accept) => {
    if (!(await removeBlock(db, user.id, blockId))) throw notFound("없는 차단이거나 이미 풀린 차단입니다.");
    if (inPlace) return accept("차단을 풀었습니다.");
    const search = new URLSearchParams({ page: String(page), [UNBLOCKED_PARAM]: "1" });
    return redirect(`${url.pathname}?${search}`, 303);
  },
);

export const blockListIntents: Record<string, IntentHandler<BlockListContext>> = { unblock: unblockIntent };
