"use client";

import Link from "next/link";
import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";
import { ACCOUNT_PASSWORD_RULES } from "~/components/auth/account-password-rules";
import { AuthForm, useAuthForm } from "~/components/auth/auth-form";
import { NewPasswordField } from "~/components/ui/new-password-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { usePasswordStrength } from "~/components/ui/use-password-strength";

export function ResetPasswordForm({ token }: { token: string }) {
  const { error, setError, pending, run } = useAuthForm();
  const [password, setPassword] = useState("");
  const [done, setDone] = useState(false);
  const { strength } = usePasswordStrength(password, password !== "", ACCOUNT_PASSWORD_RULES);

  const submit = () => {
    if ([...password].length < PASSWORD_MIN_LENGTH)
      return setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    run(async () => {
      const { error: failed } = await authClient.resetPassword({ newPassword: password, token });
      if (failed) return describeAuthError(failed, "reset");
      setDone(true);
      return null;
    });
  };

  if (done) {
    return (
      <section className="ui-section ui-stack" role="status">
        <p>Your password is changed, and every device that was signed in is signed out.</p>
        <p>
          <Link href="/sign-in" className="ui-button ui-button-primary">
            Sign in
          </Link>
        </p>
      </section>
    );
  }

  return (
    <AuthForm onSubmit={submit} error={error} errorId="reset-password-error">
      <NewPasswordField
        label="New password"
        name="password"
        value={password}
        onChange={setPassword}
        strength={strength}
        showStrength={password !== ""}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <div className="ui-form-actions">
        <SubmitButton busy={pending} busyLabel="Saving…">
          Change password
        </SubmitButton>
      </div>
    </AuthForm>
  );
}
