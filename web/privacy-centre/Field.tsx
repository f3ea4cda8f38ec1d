import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/** A labelled input with its hint and its error announced to screen readers (WCAG 1.3.1, 3.3.1). */
export function Field(props: { label: ReactNode; hint?: string; error?: string; multiline?: boolean } & InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>) {
  const { label, hint, error, multiline, ...input } = props;
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-describedby": described, "aria-invalid": error ? true : undefined, ...input };
  return (
    <div className="pc-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="pc-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
      {error && (
        <p className="pc-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
