"use client";

import Link from "next/link";
import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { AuthForm, useAuthForm } from "~/components/auth/auth-form";
import { PasswordInput } from "~/components/ui/password-input";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";

const ERROR_ID = "sign-in-error";

export function SignInForm({ next }: { next: string }) {
  const { error, setError, pending, run } = useAuthForm();
  const [password, setPassword] = useState("");

  // A full navigation, so every server component reads the new session.
  const done = () => window.location.assign(next);

  const submit = (form: HTMLFormElement) => {
    const email = String(new FormData(form).get("email") ?? "").trim();
    if (!email || !password) return setError("Enter your e-mail and password.");
    run(
      async () => {
        const { error: failed } = await authClient.signIn.email({ email, password });
        if (failed) return describeAuthError(failed, "sign-in");
        done();
        return null;
      },
      { stayBusy: true },
    );
  };

  const withPasskey = () =>
    run(
      async () => {
        const result = await authClient.signIn.passkey();
        if (result?.error) return describeAuthError(result.error, "passkey");
        done();
        return null;
      },
      { stayBusy: true },
    );

  return (
    <AuthForm onSubmit={submit} error={error} errorId={ERROR_ID}>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username webauthn"
        required
        describedBy={error ? ERROR_ID : undefined}
      />
      <PasswordInput
        label="Password"
        name="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
      />
      <p className="ui-hint">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <div className="ui-form-actions">
        <SubmitButton busy={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
        <button type="button" className="ui-button" disabled={pending} onClick={withPasskey}>
          Sign in with a passkey
        </button>
      </div>
      <p className="ui-hint">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </AuthForm>
  );
}
