"use client";

import { useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { useIdleMinutes } from "~/components/settings/use-idle-minutes";
import type { LockCause } from "~/components/settings/use-vault";
import { vaultErrorMessage } from "~/components/settings/vault-messages";

function causeText(cause: LockCause, idleMinutes: number): string {
  switch (cause) {
    case "idle":
      return `The vault locked itself after ${idleMinutes} minutes without activity.`;
    case "other-tab":
      return "The vault was locked in another tab.";
    case "sign-out":
      return "The vault locked when you signed out.";
    case "account-change":
      return "The vault locked because another account signed in in this browser.";
    default:
      return "The vault is locked.";
  }
}

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
  const idleMinutes = useIdleMinutes();

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
  const fail = (failure: unknown) => {
    setBusy(false);
    setError(vaultErrorMessage(failure));
  };

  return (
    <section className="ui-section" aria-labelledby="vault-unlock-title" data-testid="vault-unlock">
      <h2 id="vault-unlock-title">{title}</h2>
      <p className="ui-muted" role="status" aria-live="polite" data-testid="vault-lock-cause">
        {causeText(lockCause, idleMinutes)} Enter your vault password to use your saved keys.
      </p>
      <form
        className="ui-stack"
        onSubmit={(event) => {
          submit(event).catch(fail);
        }}
        noValidate
      >
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
