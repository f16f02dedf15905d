import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { notFound } from "~/lib/http.server";
import { parseId } from "~/lib/ids";
import { defineIntent, type IntentHandler } from "~/lib/intents.server";
import {
  addCategory,
  boardSettingsSchema,
  categoryInputSchema,
  updateBoardSettings,
  updateCategory,
} from "~/models/board-admin.server";

// The board admin page's action: one handler per form on the page, each with its own schema.

const CATEGORY_GONE = "없는 카테고리입니다.";

export interface BoardAdminContext {
  db: AppLoadContext["db"];
  board: { id: number; slug: string };
  adminId: number;
}

const backToBoard = ({ board }: BoardAdminContext) => redirect(`/admin/boards/${board.slug}`, 303);

export const boardAdminIntents: Record<string, IntentHandler<BoardAdminContext>> = {
  "update-board": defineIntent(boardSettingsSchema, async (input, context: BoardAdminContext) => {
    await updateBoardSettings(context.db, context.board.id, input, context.adminId);
    return backToBoard(context);
  }),
  "add-category": defineIntent(categoryInputSchema, async (input, context: BoardAdminContext, refuse) => {
    const added = await addCategory(context.db, context.board.id, input, context.adminId);
    return added.ok ? backToBoard(context) : refuse(added.fieldErrors);
  }),
  // The category's id comes back with a refusal, so the page shows the messages under that category's form.
  "update-category": defineIntent(
    categoryInputSchema.extend({ categoryId: z.string().optional() }),
    async ({ categoryId, ...input }, context: BoardAdminContext, refuse) => {
      const id = parseId(categoryId);
      const updated =
        id === null ? null : await updateCategory(context.db, context.board.id, id, input, context.adminId);
      if (updated === null) throw notFound(CATEGORY_GONE);
      return updated.ok ? backToBoard(context) : refuse(updated.fieldErrors);
    },
  ),
};
