import { lockEveryVault } from "~/lib/crypto/vault-tabs";

/**
 * Browser-side sign-out: locks every vault of this origin (this tab, the others, and the key
 * keeper), then ends the session on the server, which deletes it: every tab's next request is
 * signed out. It only posts a notice on the vault's channel: the header that renders the button on
 * every page must not load the vault itself. A failing lock must not keep the user signed in.
 */
export async function signOut(): Promise<void> {
  try {
    lockEveryVault();
  } catch (err) {
    console.error("Could not lock the vault on sign-out:", err instanceof Error ? err.name : "unknown error");
  }
  try {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      credentials: "same-origin",
    });
  } finally {
    // A full navigation, not the router: nothing of the signed-out session may stay in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full navigation on purpose (above)
    window.location.assign("/");
  }
}
