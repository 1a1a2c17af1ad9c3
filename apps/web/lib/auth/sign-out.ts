import { lockEveryVault } from "../crypto/vault-tabs";
import { signOutAction } from "./actions";

/**
 * Browser-side sign-out: locks every vault of this origin (this tab, the others, and the key
 * keeper) before the session cookie is cleared, so no decrypted key outlives the session. It only
 * posts a notice on the vault's channel: the header that renders the button on every page must
 * not load the vault itself. A failing lock must not keep the user signed in.
 */
export async function signOut(): Promise<void> {
  try {
    lockEveryVault();
  } catch (err) {
    console.error("Could not lock the vault on sign-out:", err instanceof Error ? err.name : "unknown error");
  }
  await signOutAction();
}
