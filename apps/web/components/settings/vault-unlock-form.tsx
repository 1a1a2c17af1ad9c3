"use client";

import { useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import type { LockCause } from "~/components/settings/use-vault";

const CAUSE_TEXT: Record<Exclude<LockCause, null>, string> = {
  manual: "The vault is locked.",
  idle: "The vault locked itself after 30 minutes without activity.",
  "other-tab": "The vault was locked in another tab.",
  "sign-out": "The vault locked when you signed out.",
};

export function VaultUnlockForm({
  onUnlock,
  lockCause,
  title = "Unlock your key vault",
  autoFocus = true,
}: {
  onUnlock: (password: string) => Promise<string | null>;
  lockCause: LockCause;
  title?: string;
  autoFocus?: boolean;
}) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError("Enter your vault password.");
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onUnlock(password);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassword("");
      inputRef.current?.focus();
    }
  };

  return (
    <section className="ui-section" aria-labelledby="vault-unlock-title" data-testid="vault-unlock">
      <h2 id="vault-unlock-title">{title}</h2>
      <p className="ui-muted" role="status" aria-live="polite" data-testid="vault-lock-cause">
        {CAUSE_TEXT[lockCause ?? "manual"]} Enter your vault password to use your saved keys.
      </p>
      <form className="ui-stack" onSubmit={submit} noValidate>
        <PasswordInput
          label="Vault password"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setError(null);
          }}
          autoComplete="current-password"
          error={error}
          inputRef={inputRef}
          autoFocus={autoFocus}
        />
        <div className="ui-form-actions">
          <BusyButton type="submit" className="ui-button ui-button-primary" busy={busy}>
            {busy ? "Unlocking…" : "Unlock"}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
