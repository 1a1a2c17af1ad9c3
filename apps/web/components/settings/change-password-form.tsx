"use client";

import { useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";
import { passwordStrength } from "~/components/settings/password-strength";

export function ChangePasswordForm({ onChange }: { onChange: (current: string, next: string) => Promise<string | null> }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const strength = passwordStrength(next);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (next !== confirm) {
      setError("The new passwords do not match.");
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onChange(current, next);
    setBusy(false);
    if (failure) {
      setError(failure);
      currentRef.current?.focus();
      return;
    }
    setCurrent("");
    setNext("");
    setConfirm("");
    setDone("Vault password changed. Your keys are unchanged.");
  };

  return (
    <form className="ui-stack" onSubmit={submit} noValidate aria-label="Change vault password">
      <PasswordInput label="Current vault password" value={current} onChange={setCurrent} autoComplete="current-password" inputRef={currentRef} />
      <PasswordInput
        label="New vault password"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        hint={next ? `${strength.label} — ${strength.advice}` : undefined}
      />
      <PasswordInput label="Confirm new vault password" value={confirm} onChange={setConfirm} autoComplete="new-password" />
      <div className="ui-form-actions">
        <BusyButton type="submit" className="ui-button ui-button-primary" busy={busy} disabled={!current || !next || !confirm}>
          Change password
        </BusyButton>
      </div>
      <StatusMessage tone={error ? "error" : "success"}>{error ?? done}</StatusMessage>
    </form>
  );
}
