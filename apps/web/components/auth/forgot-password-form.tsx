"use client";

import { useState, type FormEvent } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";

export function ForgotPasswordForm() {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!email) return setError("Enter your e-mail address.");
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
    setPending(false);
    if (failed) return setError(describeAuthError(failed, "reset"));
    setSent(true);
  }

  if (sent) {
    return (
      <div className="card" role="status">
        <p>If an account uses that address, we have sent it a link to choose a new password.</p>
      </div>
    );
  }
  // The auth client answers errors as values; a rejection means the request never got an answer.
  const fail = () => {
    setPending(false);
    setError("The server could not be reached. Check your connection and try again.");
  };

  return (
    <form onSubmit={(e) => {
        submit(e).catch(fail);
      }} className="card" noValidate>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
