"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient, describeAuthError } from "~/lib/auth/auth-client";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";

const UNREACHABLE = "The server could not be reached. Check your connection and try again.";

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

  return (
    <section className="ui-section ui-stack" aria-labelledby="passkeys-heading">
      <div>
        <h2 id="passkeys-heading">Passkeys</h2>
        <p className="ui-muted">
          Sign in with your device&apos;s screen lock or a security key instead of your password.
        </p>
      </div>
      {names.length ? (
        <ul aria-label="Your passkeys">
          {names.map((name, i) => (
            <li key={`${name}-${i}`}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="ui-muted">No passkeys yet.</p>
      )}
      <StatusMessage tone={message?.error ? "error" : "success"} announce="polite">
        {message?.text}
      </StatusMessage>
      <div className="ui-form-actions">
        <BusyButton
          type="button"
          className="ui-button"
          busy={pending}
          onClick={() => {
            add().catch(() => {
              setPending(false);
              setMessage({ error: true, text: UNREACHABLE });
            });
          }}
        >
          {pending ? "Waiting for your device…" : "Add a passkey"}
        </BusyButton>
      </div>
    </section>
  );
}
