"use client";

import { useActionState } from "react";
import { PLANS } from "@byok/types";
import { signIn, type SignInState } from "~/lib/auth/actions";

const PLAN_LABELS: Record<(typeof PLANS)[number], string> = {
  free: "Free",
  start: "Start",
  pro: "Pro",
  business: "Business",
};

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="card" noValidate>
      {state.error ? (
        <p className="alert alert--error" role="alert" id="sign-in-error">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email ?? ""}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="plan">Plan</label>
        <select id="plan" name="plan" defaultValue="free">
          {PLANS.map((plan) => (
            <option key={plan} value={plan}>
              {PLAN_LABELS[plan]}
            </option>
          ))}
        </select>
        <span className="hint">Demo accounts: pick any plan to see what it allows.</span>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
