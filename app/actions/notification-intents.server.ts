import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { defineIntent, type IntentHandler } from "~/lib/intents.server";
import { markAllNotificationsRead } from "~/models/notification-inbox.server";

// The notifications page's action, kept out of the route module like the post page's (see post-intents.server.ts).

/** The page's confirmation after "모두 읽음". */
export const READ_ALL_PARAM = "read";

export interface NotificationsContext {
  db: AppLoadContext["db"];
  user: SessionUser;
}

/** "모두 읽음": the member's own notifications only, whatever else the form sends. */
const readAllIntent = defineIntent(z.object({}), async (_input, { db, user }: NotificationsContext) => {
  await markAllNotificationsRead(db, user.id);
  return redirect(`/notifications?${new URLSearchParams({ [READ_ALL_PARAM]: "all" })}`, 303);
});

export const notificationIntents: Record<string, IntentHandler<NotificationsContext>> = { "read-all": readAllIntent };
