import { useId, type HTMLInputTypeAttribute, type Ref } from "react";

export interface TextFieldProps {
  label: string;
  name: string;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  hint?: string;
  error?: string | null;
  /** Ids of other elements that describe the field (a form-level error, say). */
  describedBy?: string;
  required?: boolean;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input with its hint and its own error, tied together for screen readers. */
export function TextField({
  label,
  name,
  type = "text",
  autoComplete,
  hint,
  error,
  describedBy,
  required,
  autoFocus,
  inputRef,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described =
    [hint ? hintId : null, error ? errorId : null, describedBy ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="ui-field">
      <label className="ui-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        name={name}
        type={type}
        className="ui-input"
        autoComplete={autoComplete}
        required={required}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <p id={hintId} className="ui-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="ui-hint ui-alert ui-alert-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
