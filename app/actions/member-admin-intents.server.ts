import { redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { characterCount } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { defineIntent, type IntentHandler, type Refuse } from "~/lib/intents.server";
import { stripInvisibleCharacters } from "~/lib/invisible-characters";
import { SUSPENSION_LENGTHS, type SuspensionLength } from "~/lib/suspension-lengths";
import {
  liftSuspension,
  suspendMember,
  SUSPENSION_REASON_MAX_LENGTH,
  type SuspensionOutcome,
} from "~/models/suspensions.server";

// The admin's member page (/admin/users/<username>): suspend (이용 정지) and lift.

export interface MemberAdminContext {
  db: AppLoadContext["db"];
  admin: SessionUser;
  member: { id: number; username: string };
}

const suspendSchema = z.object({
  days: z
    .string()
    .optional()
    .refine(
      (days): days is SuspensionLength => SUSPENSION_LENGTHS.includes(days as SuspensionLength),
      "정지 기간을 1일, 3일, 7일, 30일, 영구 중에서 골라 주세요.",
    ),
  reason: z
    .string()
    .transform((reason) => stripInvisibleCharacters(reason).trim())
    .refine((reason) => reason.length > 0, "정지 사유를 입력해 주세요.")
    .refine(
      (reason) => characterCount(reason) <= SUSPENSION_REASON_MAX_LENGTH,
      `정지 사유는 ${SUSPENSION_REASON_MAX_LENGTH}자 이하로 입력해 주세요.`,
    ),
});

const REFUSALS: Record<Exclude<SuspensionOutcome, "done" | "not-found">, string> = {
  "is-admin": "관리자는 이용 정지할 수 없습니다.",
  "is-self": "자기 자신은 이용 정지할 수 없습니다.",
  "not-suspended": "이용 정지 중인 회원이 아닙니다.",
};

function answer(outcome: SuspensionOutcome, { member }: MemberAdminContext, refuse: Refuse) {
  if (outcome === "not-found") throw notFound("없는 회원입니다.");
  if (outcome !== "done") return refuse({ form: REFUSALS[outcome] });
  return redirect(`/admin/users/${encodeURIComponent(member.username)}`, 303);
}

export const memberAdminIntents: Record<string, IntentHandler<MemberAdminContext>> = {
  suspend: defineIntent(suspendSchema, async ({ days, reason }, context: MemberAdminContext, refuse) => {
    const { db, admin, member } = context;
    const outcome = await suspendMember(db, { admin, userId: member.id, length: days, reason });
    return answer(outcome, context, refuse);
  }),
  lift: defineIntent(z.object({}), async (_input, context: MemberAdminContext, refuse) => {
    const { db, admin, member } = context;
    return answer(await liftSuspension(db, { admin, userId: member.id }), context, refuse);
  }),
};
