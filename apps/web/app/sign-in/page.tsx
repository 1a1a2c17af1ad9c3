import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "~/components/sign-in-form";
import { safeReturnPath } from "~/lib/auth/safe-return-path";
import { getServerSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(Array.isArray(next) ? next[0] : next);
  if (await getServerSession()) redirect(returnTo);
  return (
    <main className="page page--narrow">
      <h1>Sign in</h1>
      <p className="lead">A demo account: no password, just an email and a plan.</p>
      <SignInForm next={returnTo} />
    </main>
  );
}
