import type { Plan, Provider } from "@byok/types";
import { PROVIDER_LABELS } from "@byok/types";
import { TASK_NAMES, keyUnlocks, planName, tierSentence } from "~/components/settings/key-unlocks";

/** What a provider's key runs on the user's plan, stage by stage, and what would need a higher plan. */
export function KeyUnlocksList({ provider, plan }: { provider: Provider; plan: Plan }) {
  const { stages, locked } = keyUnlocks(provider, plan);
  return (
    <div className="ui-unlocks" data-testid={`provider-unlocks-${provider}`}>
      <p className="ui-unlocks-title">On your {planName(plan)} plan this key runs</p>
      <dl className="ui-unlocks-list">
        {stages.map((stage) => (
          <div key={stage.task}>
            <dt>{TASK_NAMES[stage.task]}</dt>
            <dd>
              {stage.offered
                ? stage.models.join(", ") || "no model on your plan"
                : `not offered by ${PROVIDER_LABELS[provider]}`}
            </dd>
          </div>
        ))}
      </dl>
      {locked.length ? (
        <p className="ui-hint">
          Needs a higher plan: {locked.map((m) => `${m.label} (tier ${m.tier}, ${planName(m.plan)})`).join(", ")}.{" "}
          {tierSentence(plan)}
        </p>
      ) : null}
    </div>
  );
}
