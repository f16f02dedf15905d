import { useEffect, type RefObject } from "react";

interface FormFieldProps {
  name: string;
  label: string;
  type?: "text" | "password";
  id?: string;
  autoComplete?: string;
  defaultValue?: string | number;
  required?: boolean;
  error?: string;
  hint?: string;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function FormField({
  name,
  label,
  type = "text",
  id = `field-${name}`,
  autoComplete,
  defaultValue,
  required,
  error,
  hint,
}: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A message about the whole form, read out as soon as it appears. */
export function FormAlert({ message, tone = "error" }: { message?: string; tone?: "error" | "success" }) {
  if (!message) return null;
  return (
    <p className={`form-alert form-alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {message}
    </p>
  );
}

/** Empties the form's password inputs whenever a new action result arrives; passwords are never echoed back. */
export function useClearedPasswords(form: RefObject<HTMLFormElement>, actionResult: unknown) {
  useEffect(() => {
    form.current?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => {
      input.value = "";
    });
  }, [form, actionResult]);
}
