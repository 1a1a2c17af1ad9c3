"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ByokPolicy } from "@byok/types";
import { describeCallError } from "~/components/ui/describe-call-error";
import { StatusMessage } from "~/components/ui/status-message";
import { useByokApi } from "~/components/settings/use-byok-api";
import { useTRPC } from "~/lib/trpc/client";

const OPTIONS: { value: ByokPolicy; title: string; text: string }[] = [
  {
    value: "fallback",
    title: "Fall back to the platform's key",
    text: "Your keys go first, in your order. When none of them can do a step (missing, out of quota, invalid, down), the platform pays for it and the result says why.",
  },
  {
    value: "byok_only",
    title: "Only my keys",
    text: "The platform never pays for you: when none of your keys can do a step, the recording stops there with the reason.",
  },
];

/** Reads and saves the account's policy itself, so the account's arrival re-renders only this section. */
export function FallbackPolicySwitch() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  const { setPolicy: onChange } = useByokApi();
  const policy = me.data?.policy;
  const [pending, setPending] = useState<ByokPolicy | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const current = pending ?? policy;

  const choose = async (value: ByokPolicy) => {
    if (value === policy || pending !== null) return;
    setPending(value);
    setStatus(null);
    const failure = await onChange(value);
    setPending(null);
    setStatus(
      failure
        ? { tone: "error", text: failure }
        : {
            tone: "success",
            text:
              value === "fallback"
                ? "Saved: the platform's key steps in when yours fails."
                : "Saved: only your keys are used.",
          },
    );
  };

  const fail = (failure: unknown) => {
    setPending(null);
    setStatus({ tone: "error", text: describeCallError(failure, "The setting could not be saved. Try again.") });
  };

  return (
    <section className="ui-section" aria-labelledby="policy-title">
      <div className="ui-section-head">
        <div>
          <h2 id="policy-title">When your key fails</h2>
          <p className="ui-muted">Applies to every recording that uses your own keys.</p>
        </div>
      </div>
      {me.isError ? (
        <StatusMessage tone="error">
          {describeCallError(
            me.error,
            "Your account settings could not be loaded; the fallback policy cannot be changed right now.",
          )}
        </StatusMessage>
      ) : null}
      {/* Not disabled while saving: a disabled radio drops keyboard focus to the top of the page. */}
      <fieldset className="ui-radio-group" disabled={policy === undefined} aria-busy={pending !== null}>
        <legend className="ui-sr-only">Fallback policy</legend>
        {OPTIONS.map((option) => (
          <label key={option.value} className="ui-radio-card">
            <input
              type="radio"
              name="byok-policy"
              value={option.value}
              checked={current === option.value}
              onChange={() => {
                choose(option.value).catch(fail);
              }}
            />
            <span>
              <strong>{option.title}</strong>
              <span>{option.text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <StatusMessage tone={status?.tone ?? "info"}>{status?.text}</StatusMessage>
    </section>
  );
}
