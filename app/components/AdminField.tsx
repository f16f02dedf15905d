interface AdminFieldProps {
  name: string;
  label: string;
  defaultValue?: string | number;
  error?: string;
  hint?: string;
  id?: string;
}

/** A labelled text input with its hint and error announced with it. */
export function AdminField({ name, label, defaultValue, error, hint, id = `field-${name}` }: AdminFieldProps) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" name={name} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
