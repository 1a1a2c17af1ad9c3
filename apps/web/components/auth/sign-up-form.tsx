"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { PASSWORD_MIN_LENGTH } from "~/lib/auth/password-rules";

export function SignUpForm() {
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email) return setError("Enter your e-mail address.");
    if (password.length < PASSWORD_MIN_LENGTH) return setError(`Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`);
    setPending(true);
    setError(null);
    // No plan here: every account starts on Free; plans change only through billing.
    const { error: failed } = await authClient.signUp.email({ email, password, name: "", callbackURL: "/sign-in?verified=1" });
    setPending(false);
    if (failed) return setError(describeAuthError(failed, "sign-up"));
    setSentTo(email);
  }

  if (sentTo) {
    return (
      <div className="card" role="status">
        <h2>Check your inbox</h2>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Open it to confirm your address, then sign in.
        </p>
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
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required aria-describedby="password-hint" />
        <span className="hint" id="password-hint">
          At least {PASSWORD_MIN_LENGTH} characters. This is your account password, not your vault password.
        </span>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Creating…" : "Create account"}
      </button>
      <p className="hint">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </form>
  );
}
