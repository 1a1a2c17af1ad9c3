"use client";

import type { Ref } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { PasswordStrengthMeter, WeakPasswordConsent } from "~/components/ui/password-strength-meter";
import type { PasswordStrength } from "~/components/ui/password-strength";

export interface WeakConsentState {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The block every form that chooses a password shows (sign-up, reset, the vault's create and
 * change forms): the field, the strength meter with its advice, and, where the rules ask for it
 * (`consent`), the box a weak password needs ticked.
 */
export function NewPasswordField({
  label,
  value,
  onChange,
  strength,
  showStrength = true,
  error,
  hint,
  name,
  inputRef,
  autoFocus,
  consent,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  strength: PasswordStrength | null;
  /** False until the estimator is wanted (the change form loads it once the user starts on it). */
  showStrength?: boolean;
  error?: string | null;
  hint?: string;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  consent?: WeakConsentState;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        value={value}
        onChange={onChange}
        autoComplete="new-password"
        error={error}
        hint={hint}
        name={name}
        inputRef={inputRef}
        autoFocus={autoFocus}
      />
      {showStrength ? <PasswordStrengthMeter password={value} strength={strength} /> : null}
      {consent && (strength?.verdict === "weak" || consent.error) ? (
        <WeakPasswordConsent
          checked={consent.checked}
          onChange={consent.onChange}
          error={consent.error}
          inputRef={consent.inputRef}
        />
      ) : null}
    </>
  );
}
