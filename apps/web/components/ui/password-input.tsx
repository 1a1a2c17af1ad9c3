"use client";

import { useId, useState, type ChangeEvent, type ClipboardEvent, type Ref } from "react";

export interface PasswordInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | null;
  autoComplete?: string;
  name?: string;
  /** Trim pasted text: API keys copied from a dashboard often carry a trailing newline or space. */
  trimPaste?: boolean;
  /**
   * An API key, not a password: a text field masked by CSS, because browsers offer to save
   * whatever is typed into a password field (and sync it to their password managers).
   */
  notAPassword?: boolean;
  autoFocus?: boolean;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
}

export function PasswordInput({
  label,
  value,
  onChange,
  hint,
  error,
  autoComplete = "off",
  name,
  trimPaste = false,
  notAPassword = false,
  autoFocus,
  required,
  inputRef,
  placeholder,
}: PasswordInputProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [shown, setShown] = useState(false);

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    if (!trimPaste) return;
    const pasted = event.clipboardData.getData("text");
    const trimmed = pasted.trim();
    if (trimmed === pasted) return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? value.length;
    const end = input.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + trimmed + value.slice(end));
  };

  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="ui-field">
      <label className="ui-label" htmlFor={id}>
        {label}
      </label>
      <div className="ui-input-group">
        <input
          id={id}
          ref={inputRef}
          name={name}
          className={notAPassword && !shown ? "ui-input ui-input-masked" : "ui-input"}
          type={shown || notAPassword ? "text" : "password"}
          {...(notAPassword ? { "data-1p-ignore": true, "data-lpignore": "true", "data-form-type": "other" } : {})}
          value={value}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          onPaste={onPaste}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={autoFocus}
          required={required}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button
          type="button"
          className="ui-toggle"
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? "Hide" : "Show"}
          <span className="ui-sr-only"> {label.toLowerCase()}</span>
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="ui-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="ui-hint ui-alert-error ui-alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
