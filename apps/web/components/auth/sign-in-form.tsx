"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // A full navigation, so every server component reads the new session.
  const done = () => window.location.assign(next);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) return setError("Enter your e-mail and password.");
    setPending(true);
    setError(null);
    const { error: failed } = await authClient.signIn.email({ email, password });
    if (failed) {
      setPending(false);
      return setError(describeAuthError(failed, "sign-in"));
    }
    done();
  }

  async function withPasskey() {
    setPending(true);
    setError(null);
    const result = await authClient.signIn.passkey();
    if (result?.error) {
      setPending(false);
      return setError(describeAuthError(result.error, "passkey"));
    }
    done();
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
        <p className="alert alert--error" role="alert" id="sign-in-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username webauthn" required aria-describedby={error ? "sign-in-error" : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <span className="hint">
          <Link href="/forgot-password">Forgot your password?</Link>
        </span>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>{" "}
      <button type="button" className="button button--ghost" disabled={pending} onClick={() => {
          withPasskey().catch(fail);
        }}>
        Sign in with a passkey
      </button>
      <p className="hint">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </form>
  );
}
