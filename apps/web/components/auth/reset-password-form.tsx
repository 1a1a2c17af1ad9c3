"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";

export function ResetPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newPassword = String(new FormData(event.currentTarget).get("password") ?? "");
    if (newPassword.length < PASSWORD_MIN_LENGTH) return setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.resetPassword({ newPassword, token });
    setPending(false);
    if (failed) return setError(describeAuthError(failed, "reset"));
    setDone(true);
  }

  if (done) {
    return (
      <div className="card" role="status">
        <p>Your password is changed, and every device that was signed in is signed out.</p>
        <Link href="/sign-in" className="button">
          Sign in
        </Link>
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
        <label htmlFor="password">New password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
