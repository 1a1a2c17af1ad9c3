import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getEnv } from "~/env";
import { SESSION_COOKIE, unsealSession, type Session } from "~/lib/session/session";

export async function getServerSession(): Promise<Session | null> {
  const jar = await cookies();
  return unsealSession(jar.get(SESSION_COOKIE)?.value, getEnv().SESSION_SECRET);
}

/** For protected pages: signed-out visitors go to sign-in and come back afterwards. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getServerSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return session;
}
