import { data } from "@remix-run/node";
import type { z } from "zod";
import { parseForm } from "./form-submission.server";
import { formFields, type FieldErrors } from "./forms";

/**
 * What a form answered on its own page gets back: which intent, the values it sent, and either one Korean message
 * per field (a refusal, 400) or a confirmation (`accepted`, 200) for an intent done in place, without a redirect.
 */
export interface IntentAnswer {
  intent: string;
  values: Record<string, string>;
  fieldErrors: FieldErrors;
  accepted?: string;
}

function refusal(
  intent: string,
  values: Record<string, string>,
  fieldErrors: FieldErrors,
  init: ResponseInit = { status: 400 },
) {
  return data<IntentAnswer>({ intent, values, fieldErrors }, init);
}

export type IntentResult = Response | ReturnType<typeof refusal>;

/** Answers one submitted form; `name` is the intent it was submitted under. */
export type IntentHandler<Context> = (form: FormData, context: Context, name: string) => Promise<IntentResult>;

/**
 * Refuses the form with these messages, sending back what was typed into the intent's own fields: a 400 unless
 * `init` says otherwise (a 429 with Retry-After).
 */
export type Refuse = (fieldErrors: FieldErrors, init?: ResponseInit) => IntentResult;

/**
 * Answers the form with a confirmation on the same page, with what was sent: how an intent sent in place (by a
 * fetcher, which would follow a redirect away from the page) says it went through.
 */
export type Accept = (message: string) => IntentResult;

/**
 * An intent with its own schema: a form that fails the schema is refused with a 400 before `handle` runs, so
 * `handle` sees only typed, valid input.
 */
export function defineIntent<Schema extends z.AnyZodObject, Context>(
  schema: Schema,
  handle: (input: z.output<Schema>, context: Context, refuse: Refuse, accept: Accept) => Promise<IntentResult>,
): IntentHandler<Context> {
  return async (form, context, name) => {
    const fields = formFields(form);
    const values = Object.fromEntries(Object.keys(schema.shape).map((field) => [field, fields[field] ?? ""]));
    const refuse: Refuse = (fieldErrors, init) => refusal(name, values, fieldErrors, init);
    const accept: Accept = (message) =>
      data<IntentAnswer>({ intent: name, values, fieldErrors: {}, accepted: message });
    const parsed = parseForm(schema, form);
    return parsed.ok ? handle(parsed.data, context, refuse, accept) : refuse(parsed.fieldErrors);
  };
}

/** Runs the handler named by the form's `intent` field; any other intent is a 400. */
export async function runIntent<Context>(
  intents: Record<string, IntentHandler<Context>>,
  form: FormData,
  context: Context,
): Promise<IntentResult> {
  const name = formFields(form).intent ?? "";
  const handler = Object.hasOwn(intents, name) ? intents[name] : undefined;
  if (!handler) return refusal("unknown", {}, { form: "알 수 없는 요청입니다." });
  return handler(form, context, name);
}
