"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { userIdForEmail } from "./user-id";
import { planSchema } from "@byok/types";
import { requestIdFrom } from "~/lib/server/request-id";
import { getServices } from "~/lib/server/services";
import { SESSION_COOKIE, sealSession, sessionCookieOptions } from "~/lib/session/session";
import { safeReturnPath } from "~/lib/auth/safe-return-path";

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  plan: planSchema,
});

export interface SignInState {
  error?: string;
  email?: string;
}

async function isHttps(): Promise<boolean> {
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: form.get("email"), plan: form.get("plan") });
  const typedEmail = typeof form.get("email") === "string" ? String(form.get("email")).slice(0, 254) : "";
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? "Check the form.", email: typedEmail };
  }
  const { accounts, env, logger } = getServices();
  const id = userIdForEmail(parsed.data.email);
  await accounts.ensure({ id, email: parsed.data.email, plan: parsed.data.plan });
  const sealed = await sealSession({ userId: id, email: parsed.data.email, issuedAt: Date.now() }, env.SESSION_SECRET);
  (await cookies()).set(SESSION_COOKIE, sealed, sessionCookieOptions(await isHttps()));
  logger.info({ requestId: requestIdFrom(await headers()), userId: id, plan: parsed.data.plan }, "signed in");
  redirect(safeReturnPath(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, "", { ...sessionCookieOptions(await isHttps()), maxAge: 0 });
  redirect("/");
}
