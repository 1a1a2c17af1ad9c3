"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { PasswordInput } from "~/components/ui/password-input";
import { SubmitButton } from "~/components/ui/submit-button";
import { StatusMessage } from "~/components/ui/status-message";
import { NewPasswordField } from "~/components/ui/new-password-field";
import { WEAK_CONSENT_NEEDED } from "~/components/ui/password-strength-meter";
import { usePasswordStrength } from "~/components/ui/use-password-strength";
import { vaultErrorMessage } from "~/components/settings/vault-messages";
import { VAULT_PASSWORD_RULES } from "~/components/settings/vault-password-rules";

export function VaultCreateForm({ onCreate }: { onCreate: (password: string) => Promise<string | null> }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"checking" | "creating" | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  // The estimator (over a megabyte of dictionaries) loads at the first keystroke, not with the form:
  // the form takes focus on arrival, and a phone would otherwise parse it before the page is usable.
  const { strength, loadError, check } = usePasswordStrength(password, password !== "", VAULT_PASSWORD_RULES);
  const busy = phase !== null;

  useEffect(() => {
    if (consentError) consentRef.current?.focus();
  }, [consentError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setPhase("checking");
    const rating = await check(password);
    if (typeof rating === "string" || rating.verdict === "refused") {
      setPhase(null);
      setError(typeof rating === "string" ? rating : rating.refusal);
      passwordRef.current?.focus();
      return;
    }
    if (password !== confirm) {
      setPhase(null);
      setConfirmError("The two passwords do not match.");
      confirmRef.current?.focus();
      return;
    }
    if (rating.verdict === "weak" && !consent) {
      setPhase(null);
      setConsentError(WEAK_CONSENT_NEEDED);
      return;
    }
    setPhase("creating");
    setError(null);
    const failure = await onCreate(password);
    setPhase(null);
    if (failure) {
      setError(failure);
      passwordRef.current?.focus();
    }
  };
  const fail = (failure: unknown) => {
    setPhase(null);
    setError(vaultErrorMessage(failure));
  };

  return (
    <section className="ui-section" aria-labelledby="vault-create-title" data-testid="vault-create">
      <h2 id="vault-create-title">Create your key vault</h2>
      <p className="ui-muted">
        Your API keys are encrypted in this browser with a vault password before they are stored. The password never
        leaves this device, and we cannot recover it: if you forget it, you reset the vault and enter your keys again.
      </p>
      <form
        className="ui-stack"
        onSubmit={(event) => {
          submit(event).catch(fail);
        }}
        noValidate
      >
        <NewPasswordField
          label="Vault password"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setError(null);
            setConsent(false);
            setConsentError(null);
          }}
          strength={strength}
          error={error ?? loadError}
          inputRef={passwordRef}
          autoFocus
          consent={{
            checked: consent,
            onChange: (value) => {
              setConsent(value);
              setConsentError(null);
            },
            error: consentError,
            inputRef: consentRef,
          }}
        />
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
          <SubmitButton
            busy={busy}
            busyLabel={phase === "creating" ? "Creating vault…" : "Checking password…"}
            disabled={!password || !confirm}
          >
            Create vault
          </SubmitButton>
        </div>
        <StatusMessage tone="info">{phase === "creating" ? "Deriving your encryption key…" : null}</StatusMessage>
      </form>
    </section>
  );
}
