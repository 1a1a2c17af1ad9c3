import { signOutAction } from "./actions";

type BeforeSignOut = () => void | Promise<void>;
const beforeSignOut = new Set<BeforeSignOut>();

/** Client code that holds secrets in memory (the vault) registers here to be wiped before sign-out. */
export function onBeforeSignOut(hook: BeforeSignOut): () => void {
  beforeSignOut.add(hook);
  return () => beforeSignOut.delete(hook);
}

/**
 * Browser-side sign-out: runs every registered hook first (a failing hook must not keep the user
 * signed in), then clears the cookie on the server, which navigates home.
 */
export async function signOut(): Promise<void> {
  await Promise.allSettled([...beforeSignOut].map(async (hook) => hook()));
  await signOutAction();
}
