"use client";

import { useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";
import { passwordStrength } from "~/components/settings/password-strength";

export function VaultCreateForm({ onCreate }: { onCreate: (password: string) => Promise<string | null> }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const strength = passwordStrength(password);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirm) {
      setConfirmError("The two passwords do not match.");
      confirmRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onCreate(password);
    setBusy(false);
    if (failure) {
      setError(failure);
      passwordRef.current?.focus();
    }
  };

  return (
    <section className="ui-section" aria-labelledby="vault-create-title" data-testid="vault-create">
      <h2 id="vault-create-title">Create your key vault</h2>
      <p className="ui-muted">
        Your API keys are encrypted in this browser with a vault password before they are stored. The password never
        leaves this device, and we cannot recover it: if you forget it, you reset the vault and enter your keys again.
      </p>
      <form className="ui-stack" onSubmit={submit} noValidate>
        <PasswordInput
          label="Vault password"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setError(null);
          }}
          autoComplete="new-password"
          error={error}
          inputRef={passwordRef}
          autoFocus
        />
        <div className="ui-strength" aria-live="polite">
          <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.level} aria-label="Password strength" />
          <span data-testid="password-strength">
            <strong>{password ? strength.label : "Strength"}</strong>
            {password ? ` — ${strength.advice}` : " — use a long passphrase you do not use elsewhere."}
          </span>
        </div>
        <PasswordInput
          label="Confirm vault password"
          value={confirm}
          onChange={(value) => {
            setConfirm(value);
            setConfirmError(null);
          }}
          autoComplete="new-password"
          error={confirmError}
          inputRef={confirmRef}
        />
        <div className="ui-form-actions">
          <BusyButton type="submit" className="ui-button ui-button-primary" busy={busy} disabled={!password || !confirm}>
            {busy ? "Creating vault…" : "Create vault"}
          </BusyButton>
        </div>
        <StatusMessage tone="info">{busy ? "Deriving your encryption key…" : null}</StatusMessage>
      </form>
    </section>
  );
}
