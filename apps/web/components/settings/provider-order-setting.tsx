"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PROVIDER_LABELS, type Provider } from "@byok/types";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import { useTRPC } from "~/lib/trpc/client";

/** The order the user's keys are tried in, for every step; stored on the server (docs/billing.md). */
export function ProviderOrderSetting({ order }: { order: readonly Provider[] | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const save = useMutation(
    trpc.user.setProviderOrder.mutationOptions({
      onSuccess: ({ providerOrder }) => {
        queryClient.setQueryData(trpc.user.me.queryKey(), (me) => (me ? { ...me, providerOrder } : me));
        setStatus({ tone: "success", text: `Saved: ${providerOrder.map((p) => PROVIDER_LABELS[p]).join(", ")}.` });
      },
      onError: (error) =>
        setStatus({ tone: "error", text: describeCallError(error, "The order could not be saved. Try again.") }),
    }),
  );
  // While a change is on its way, show the order it asks for.
  const shown = save.isPending && save.variables ? save.variables.order : order;

  const move = (index: number, by: -1 | 1) => {
    // One change at a time. The buttons are never disabled (aria-disabled at the ends), so the focus
    // stays on the one pressed as its row moves.
    if (!shown || save.isPending || index + by < 0 || index + by >= shown.length) return;
    const next = [...shown];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    setStatus(null);
    save.mutate({ order: next });
  };

  return (
    <section className="ui-section" aria-labelledby="order-title">
      <div className="ui-section-head">
        <div>
          <h2 id="order-title">Which of your keys goes first</h2>
          <p className="ui-muted">
            For each step, your keys are tried in this order, each with the best model your plan allows. The
            platform&apos;s keys come only after all of yours, and only if your policy allows it.
          </p>
        </div>
      </div>
      {shown ? (
        <ol className="ui-list" data-testid="provider-order">
          {shown.map((provider, index) => {
            const label = PROVIDER_LABELS[provider];
            return (
              <li key={provider} className="ui-row" data-testid={`provider-order-${provider}`}>
                <span>
                  {index + 1}. {label}
                </span>
                <button
                  type="button"
                  className="ui-button"
                  aria-label={`Move ${label} up`}
                  aria-disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  Up
                </button>
                <button
                  type="button"
                  className="ui-button"
                  aria-label={`Move ${label} down`}
                  aria-disabled={index === shown.length - 1}
                  onClick={() => move(index, 1)}
                >
                  Down
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="ui-muted">Loading…</p>
      )}
      <StatusMessage tone={status?.tone ?? "info"}>{status?.text}</StatusMessage>
    </section>
  );
}
