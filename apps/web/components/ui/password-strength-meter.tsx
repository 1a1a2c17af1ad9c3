"use client";

import { useId, type Ref } from "react";
import { WEAK_PASSWORD_WARNING, type PasswordStrength } from "~/components/ui/password-strength";

/** The meter and advice under a new-password field (polite: read when the typing pauses). */
export function PasswordStrengthMeter({ password, strength }: { password: string; strength: PasswordStrength | null }) {
  return (
    <div className="ui-strength" aria-live="polite">
      <meter min={0} max={4} low={2} high={3} optimum={4} value={strength?.level ?? 0} aria-label="Password strength" />
      <span data-testid="password-strength">
        {!password ? (
          <>
            <strong>Strength</strong> — use a long passphrase you do not use elsewhere.
          </>
        ) : strength ? (
          <>
            <strong>{strength.label}</strong> — {strength.advice}
          </>
        ) : (
          "Checking…"
        )}
      </span>
    </div>
  );
}

/** What a submit with a weak password and no tick in the box says. */
export const WEAK_CONSENT_NEEDED = "Tick the box to use this weak password, or choose a stronger one.";

/** A weak password is allowed only once the user says, knowingly, that they want it. */
export function WeakPasswordConsent({
  checked,
  onChange,
  error,
  inputRef,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  return (
    <div className="ui-stack" data-testid="weak-password-warning">
      <p className="ui-alert ui-alert-warn" id={`${id}-warning`}>
        {WEAK_PASSWORD_WARNING}
      </p>
      <label className="ui-row ui-checkbox" htmlFor={id}>
        <input
          id={id}
          ref={inputRef}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={`${id}-warning${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
        />
        <span>I understand, use this weak password anyway</span>
      </label>
      {error ? (
        <p id={`${id}-error`} role="alert" className="ui-hint ui-alert ui-alert-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
