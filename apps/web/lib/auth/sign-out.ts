import { lockAllVaults } from "../crypto/byok-vault";
import { signOutAction } from "./actions";

/**
 * Browser-side sign-out: locks every vault of this origin (this tab and the others) before the
 * session cookie is cleared, so no decrypted key outlives the session. A failing lock must not
 * keep the user signed in.
 */
export async function signOut(): Promise<void> {
  try {
    lockAllVaults();
  } catch (err) {
    console.error("Could not lock the vault on sign-out:", err instanceof Error ? err.name : "unknown error");
  }
  await signOutAction();
}
