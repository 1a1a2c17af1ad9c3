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

export function ChangePasswordForm({
  onChange,
}: {
  onChange: (current: string, next: string) => Promise<string | null>;
}) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [nextError, setNextError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The estimator (over a megabyte) is fetched once the user starts on this form, not with the page.
  const [engaged, setEngaged] = useState(false);
  // A second submit while the first runs would re-wrap twice: the button is disabled, and this guards
  // the moment before React re-renders it.
  const running = useRef(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const { strength, loadError, check } = usePasswordStrength(next, engaged, VAULT_PASSWORD_RULES);

  useEffect(() => {
    if (consentError) consentRef.current?.focus();
  }, [consentError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const rating = await check(next);
      if (typeof rating === "string" || rating.verdict === "refused") {
        setNextError(typeof rating === "string" ? rating : rating.refusal);
        nextRef.current?.focus();
        return;
      }
      if (next !== confirm) {
        setError("The new passwords do not match.");
        return;
      }
      if (rating.verdict === "weak" && !consent) {
        setConsentError(WEAK_CONSENT_NEEDED);
        return;
      }
      const failure = await onChange(current, next);
      if (failure) {
        setError(failure);
        currentRef.current?.focus();
        return;
      }
      setCurrent("");
      setNext("");
      setConfirm("");
      setConsent(false);
      setDone("Vault password changed. Your keys are unchanged.");
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  const fail = (failure: unknown) => {
    setBusy(false);
    setError(vaultErrorMessage(failure));
  };

  return (
    <form
      className="ui-stack"
      onSubmit={(event) => {
        submit(event).catch(fail);
      }}
      onFocus={() => setEngaged(true)}
      noValidate
      aria-label="Change vault password"
      aria-busy={busy}
    >
      <PasswordInput
        label="Current vault password"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
        inputRef={currentRef}
      />
      <NewPasswordField
        label="New vault password"
        value={next}
        onChange={(value) => {
          setNext(value);
          setNextError(null);
          setConsent(false);
          setConsentError(null);
        }}
        strength={strength}
        showStrength={engaged}
        error={nextError ?? loadError}
        inputRef={nextRef}
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
        label="Confirm new vault password"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
      />
      <div className="ui-form-actions">
        <SubmitButton busy={busy} busyLabel="Changing password…" disabled={!current || !next || !confirm}>
          Change password
        </SubmitButton>
      </div>
      <StatusMessage tone={error ? "error" : busy ? "info" : "success"}>
        {error ?? (busy ? "Re-encrypting your vault key with the new password…" : done)}
      </StatusMessage>
    </form>
  );
}
