import { sealData, unsealData } from "iron-session";
import { z } from "zod";

export { SESSION_COOKIE } from "~/lib/session/cookie-name";
/** A working day; the vault's own 30-minute auto-lock guards keys within it. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

export const sessionSchema = z.object({
  userId: z.string().regex(/^u_[0-9a-f]{20}$/),
  email: z.string().email(),
  issuedAt: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export function sealSession(session: Session, secret: string): Promise<string> {
  return sealData(session, { password: secret, ttl: SESSION_TTL_SECONDS });
}

/** null for a missing, tampered, expired or foreign cookie: the caller treats all of them as signed out. */
export async function unsealSession(sealed: string | undefined, secret: string): Promise<Session | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<unknown>(sealed, { password: secret, ttl: SESSION_TTL_SECONDS });
    const parsed = sessionSchema.safeParse(data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    // Every flow that needs the session starts on our own origin, so Strict costs nothing.
    sameSite: "strict" as const,
    secure,
    path: "/",
    maxAge: SESSION_TTL_SECONDS - 60,
  };
}
