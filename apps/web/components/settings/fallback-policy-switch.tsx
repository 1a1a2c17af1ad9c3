"use client";

import { useState } from "react";
import type { ByokPolicy } from "@byok/types";
import { StatusMessage } from "~/components/ui/status-message";

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

export function FallbackPolicySwitch({
  policy,
  onChange,
}: {
  policy: ByokPolicy | undefined;
  onChange: (policy: ByokPolicy) => Promise<string | null>;
}) {
  const [pending, setPending] = useState<ByokPolicy | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const current = pending ?? policy;

  const choose = async (value: ByokPolicy) => {
    if (value === policy) return;
    setPending(value);
    setStatus(null);
    const failure = await onChange(value);
    setPending(null);
    setStatus(
      failure
        ? { tone: "error", text: failure }
        : { tone: "success", text: value === "fallback" ? "Saved: the platform's key steps in when yours fails." : "Saved: only your keys are used." },
    );
  };

  return (
    <section className="ui-section" aria-labelledby="policy-title">
      <div className="ui-section-head">
        <div>
          <h2 id="policy-title">When your key fails</h2>
          <p className="ui-muted">Applies to every recording that uses your own keys.</p>
        </div>
      </div>
      <fieldset className="ui-radio-group" disabled={policy === undefined || pending !== null}>
        <legend className="ui-sr-only">Fallback policy</legend>
        {OPTIONS.map((option) => (
          <label key={option.value} className="ui-radio-card">
            <input
              type="radio"
              name="byok-policy"
              value={option.value}
              checked={current === option.value}
              onChange={() => void choose(option.value)}
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
