import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServices } from "~/lib/server/services";
import { readSession, type Session } from "~/lib/session/session";

export async function getServerSession(): Promise<Session | null> {
  return readSession(getServices().auth, await headers());
}

/** For protected pages: signed-out visitors go to sign-in and come back afterwards. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getServerSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return session;
}
