"use client";

import Link from "next/link";
import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";
import { ACCOUNT_PASSWORD_RULES } from "~/components/auth/account-password-rules";
import { AuthForm, useAuthForm } from "~/components/auth/auth-form";
import { NewPasswordField } from "~/components/ui/new-password-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { usePasswordStrength } from "~/components/ui/use-password-strength";

export function SignUpForm() {
  const { error, setError, pending, run } = useAuthForm();
  const [password, setPassword] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The estimator (over a megabyte) is fetched once a password is being typed, not with the page.
  const { strength } = usePasswordStrength(password, password !== "", ACCOUNT_PASSWORD_RULES);

  const submit = (form: HTMLFormElement) => {
    const email = String(new FormData(form).get("email") ?? "").trim();
    if (!email) return setError("Enter your e-mail address.");
    if ([...password].length < PASSWORD_MIN_LENGTH)
      return setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    run(async () => {
      // No plan here: every account starts on Free; plans change only through billing.
      const { error: failed } = await authClient.signUp.email({
        email,
        password,
        name: "",
        callbackURL: "/sign-in?verified=1",
      });
      if (failed) return describeAuthError(failed, "sign-up");
      setSentTo(email);
      return null;
    });
  };

  if (sentTo) {
    return (
      <section className="ui-section" role="status">
        <h2>Check your inbox</h2>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Open it to confirm your address, then sign in.
        </p>
      </section>
    );
  }

  return (
    <AuthForm onSubmit={submit} error={error} errorId="sign-up-error">
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <NewPasswordField
        label="Password"
        name="password"
        value={password}
        onChange={setPassword}
        strength={strength}
        showStrength={password !== ""}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. This is your account password, not your vault password.`}
      />
      <div className="ui-form-actions">
        <SubmitButton busy={pending} busyLabel="Creating account…">
          Create account
        </SubmitButton>
      </div>
      <p className="ui-hint">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </AuthForm>
  );
}
