/** One Korean message per field, keyed by the form field's name. */
export type FieldErrors = Record<string, string>;

/**
 * The first text value of every field; repeated fields and file uploads can't turn a text field into something else.
 * NUL characters are dropped: no one types them, and PostgreSQL cannot store them in text (it refuses the statement).
 */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !Object.hasOwn(fields, name)) fields[name] = value.replaceAll("\0", "");
  }
  return fields;
}

/** Counts characters as people see them in a text box (code points), not UTF-16 units. */
export function characterCount(value: string): number {
  return [...value].length;
}
