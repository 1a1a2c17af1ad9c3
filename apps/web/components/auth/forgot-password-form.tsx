"use client";

import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { AuthForm, useAuthForm } from "~/components/auth/auth-form";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";

export function ForgotPasswordForm() {
  const { error, setError, pending, run } = useAuthForm();
  const [sent, setSent] = useState(false);

  const submit = (form: HTMLFormElement) => {
    const email = String(new FormData(form).get("email") ?? "").trim();
    if (!email) return setError("Enter your e-mail address.");
    run(async () => {
      const { error: failed } = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
      if (failed) return describeAuthError(failed, "reset");
      setSent(true);
      return null;
    });
  };

  if (sent) {
    return (
      <section className="ui-section" role="status">
        <p>If an account uses that address, we have sent it a link to choose a new password.</p>
      </section>
    );
  }

  return (
    <AuthForm onSubmit={submit} error={error} errorId="forgot-password-error">
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <div className="ui-form-actions">
        <SubmitButton busy={pending} busyLabel="Sending…">
          Send me a link
        </SubmitButton>
      </div>
    </AuthForm>
  );
}
