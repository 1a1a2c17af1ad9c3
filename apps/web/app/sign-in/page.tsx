import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PLANS, type Plan } from "@byok/types";
import { SignInForm } from "~/components/sign-in-form";
import { safeReturnPath } from "~/lib/auth/safe-return-path";
import { getServerSession } from "~/lib/session/server-session";

export const metadata: Metadata = { title: "Sign in" };

const PLAN_LABELS: Record<Plan, string> = {
  free: "Free",
  start: "Start",
  pro: "Pro",
  business: "Business",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(Array.isArray(next) ? next[0] : next);
  if (await getServerSession()) redirect(returnTo);
  return (
    <div className="ui-page">
      <div className="ui-container-narrow">
        <h1>Sign in</h1>
        <p className="ui-lede">A demo account: no password, just an email and a plan.</p>
        {/* The plans are read here, on the server: @byok/types brings zod, which this page has no other use for. */}
        <SignInForm next={returnTo} plans={PLANS.map((plan) => ({ value: plan, label: PLAN_LABELS[plan] }))} />
      </div>
    </div>
  );
}
