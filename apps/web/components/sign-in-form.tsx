"use client";

import { useActionState } from "react";
import { signIn, type SignInState } from "~/lib/auth/actions";

export function SignInForm({ next, plans }: { next: string; plans: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  return (
    <form action={action} className="ui-section ui-stack" noValidate>
      {state.error ? (
        <p className="ui-alert ui-alert-error" role="alert" id="sign-in-error">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="next" value={next} />
      <div className="ui-field">
        <label className="ui-label" htmlFor="email">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          className="ui-input"
          autoComplete="email"
          required
          defaultValue={state.email ?? ""}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      <div className="ui-field">
        <label className="ui-label" htmlFor="plan">
          Plan
        </label>
        <select id="plan" name="plan" className="ui-input" defaultValue="free" aria-describedby="plan-hint">
          {plans.map((plan) => (
            <option key={plan.value} value={plan.value}>
              {plan.label}
            </option>
          ))}
        </select>
        <p id="plan-hint" className="ui-hint">
          Demo accounts: pick any plan to see what it allows.
        </p>
      </div>
      <div className="ui-form-actions">
        <button type="submit" className="ui-button ui-button-primary" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
