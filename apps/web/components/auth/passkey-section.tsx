"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";

/** Adds a passkey (WebAuthn) to the signed-in account; the list comes from the server page. */
export function PasskeySection({ names }: { names: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function add() {
    setPending(true);
    setMessage(null);
    const result = await authClient.passkey.addPasskey({ name: `Passkey ${names.length + 1}` });
    setPending(false);
    if (result?.error) return setMessage({ error: true, text: describeAuthError(result.error, "passkey") });
    setMessage({ error: false, text: "Passkey added. You can now sign in with it." });
    router.refresh();
  }

  const fail = () => {
    setPending(false);
    setMessage({ error: true, text: "The server could not be reached. Check your connection and try again." });
  };

  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p className="hint">Sign in with your device's screen lock or a security key instead of your password.</p>
      {names.length ? (
        <ul aria-label="Your passkeys">
          {names.map((name, i) => (
            <li key={`${name}-${i}`}>{name}</li>
          ))}
        </ul>
      ) : (
        <p>No passkeys yet.</p>
      )}
      {message ? (
        <p className={message.error ? "alert alert--error" : "hint"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      ) : null}
      <button type="button" className="button button--ghost" disabled={pending} onClick={() => {
          add().catch(fail);
        }}>
        {pending ? "Waiting for your device…" : "Add a passkey"}
      </button>
    </section>
  );
}
