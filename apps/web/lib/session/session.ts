import type { Auth } from "~/lib/auth/auth";

/** What the server knows about the signed-in user of a request. */
export interface Session {
  userId: string;
  email: string;
}

/**
 * The request's session, looked up in PostgreSQL on every call: a session that was signed out,
 * revoked by a password reset or expired is gone at once, whatever cookie the browser still sends.
 */
export async function readSession(auth: Auth, headers: Headers): Promise<Session | null> {
  const found = await auth.api.getSession({ headers, query: { disableCookieCache: true } });
  return found ? { userId: found.user.id, email: found.user.email } : null;
}
