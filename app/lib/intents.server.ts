import { data } from "@remix-run/node";
import type { z } from "zod";
import { parseForm } from "./form-submission.server";
import { formFields, type FieldErrors } from "./forms";

/** What a refused form gets back with its 400: which intent, the values it sent, one Korean message per field. */
export interface IntentFailure {
  intent: string;
  values: Record<string, string>;
  fieldErrors: FieldErrors;
}

function refusal(
  intent: string,
  values: Record<string, string>,
  fieldErrors: FieldErrors,
  init: ResponseInit = { status: 400 },
) {
  return data<IntentFailure>({ intent, values, fieldErrors }, init);
}

/**
 * What an intent sent in place (by a fetcher, which would follow a redirect away from the page) answers when it went
 * through: the shape of a refusal, with no messages, marked done.
 */
export function intentDone(intent: string) {
  return data<IntentFailure & { done: true }>({ intent, values: {}, fieldErrors: {}, done: true });
}

export type IntentResult = Response | ReturnType<typeof refusal> | ReturnType<typeof intentDone>;

/** Answers one submitted form; `name` is the intent it was submitted under. */
export type IntentHandler<Context> = (form: FormData, context: Context, name: string) => Promise<IntentResult>;

/**
 * Refuses the form with these messages, sending back what was typed into the intent's own fields: a 400 unless
 * `init` says otherwise (a 429 with Retry-After).
 */
export type Refuse = (fieldErrors: FieldErrors, init?: ResponseInit) => IntentResult;

/**
 * An intent with its own schema: a form that fails the schema is refused with a 400 before `handle` runs, so
 * `handle` sees only typed, valid input.
 */
export function defineIntent<Schema extends z.AnyZodObject, Context>(
  schema: Schema,
  handle: (input: z.output<Schema>, context: Context, refuse: Refuse) => Promise<IntentResult>,
): IntentHandler<Context> {
  return async (form, context, name) => {
    const fields = formFields(form);
    const values = Object.fromEntries(Object.keys(schema.shape).map((field) => [field, fields[field] ?? ""]));
    const refuse: Refuse = (fieldErrors, init) => refusal(name, values, fieldErrors, init);
    const parsed = parseForm(schema, form);
    return parsed.ok ? handle(parsed.data, context, refuse) : refuse(parsed.fieldErrors);
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
