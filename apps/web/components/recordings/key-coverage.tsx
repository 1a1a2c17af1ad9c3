import Link from "next/link";
import { useState } from "react";
import { PROVIDER_LABELS, TASKS, stageCoverage, type Provider, type StageCoverage, type Task } from "@byok/types";
import { Badge } from "~/components/ui/badge";
import { StatusMessage } from "~/components/ui/status-message";
import { describeKeyHealth } from "~/components/settings/describe-key-health";
import { formatDateTime } from "~/lib/format/date-time";
import type { AccountView, KeyHealthView } from "~/components/settings/key-health-view";
import { KeyHealthNote } from "~/components/settings/key-health-note";
import type { VaultSnapshot } from "~/components/settings/use-vault";
import { fallbackPhrase } from "~/components/recordings/attribution-label";
import { STAGE_TITLES } from "~/components/recordings/recording-view";

const CHIP_TONE = { ok: "ok", warn: "warn", danger: "danger" } as const;

function labels(providers: readonly Provider[]): string {
  const names = providers.map((p) => PROVIDER_LABELS[p]);
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** Whose key a stage is expected to run on, in the words of the stage's payer badge. */
function coverageText(coverage: StageCoverage): string {
  const { result } = coverage.route;
  if (result.kind === "ok") {
    const { candidate, fallbackReason } = result;
    if (candidate.keySource === "byok") return `Your ${PROVIDER_LABELS[candidate.provider]} key`;
    return fallbackReason ? `Platform key — ${fallbackPhrase(fallbackReason)}` : "Platform key";
  }
  if (result.reason === "no_user_key")
    return `Cannot run — none of your keys can do it (add a key for ${labels(coverage.capable)})`;
  return "Cannot run — your keys are failing";
}

/**
 * What the upload screen says before an upload: the saved keys with their last known state, and
 * for each stage whose key is expected to pay (the worker's own routing over the keys' health).
 * Under "only my keys", a stage none of the user's keys can do is a warning before the upload.
 */
export function KeyCoverage({
  snapshot,
  account,
  health,
}: {
  snapshot: VaultSnapshot;
  account: AccountView | undefined;
  health: Partial<Record<Provider, KeyHealthView>>;
}) {
  // When the page opened: "wait until" advice is judged against it (render itself must stay pure).
  const [now] = useState(() => Date.now());
  if (snapshot.loading) return <p className="ui-muted ui-small">Checking your key vault…</p>;
  const byokOnly = account?.policy === "byok_only";

  if (snapshot.state === "locked") {
    return (
      <p className="ui-muted ui-small" data-testid="key-source-note">
        {byokOnly
          ? "Your key vault is locked. Your settings use only your own keys: unlock it when you start."
          : "Your key vault is locked. You can unlock it when you start, or use the platform's keys."}
      </p>
    );
  }

  const saved = snapshot.state === "unlocked" ? snapshot.keys.map((k) => k.provider) : [];
  const coverage = account
    ? stageCoverage({
        plan: account.plan,
        policy: account.policy,
        userProviders: saved,
        order: account.providerOrder,
        health,
        now,
      })
    : null;
  const blocked = coverage ? TASKS.filter((task: Task) => coverage[task].route.result.kind === "fail") : [];

  return (
    <div className="ui-stack" data-testid="key-source-note">
      {saved.length > 0 ? (
        <p className="ui-row ui-small">
          Uses your keys:
          {saved.map((provider) => {
            const known = health[provider] ? describeKeyHealth(health[provider], provider, formatDateTime) : null;
            return (
              <Badge key={provider} tone={known ? CHIP_TONE[known.tone] : "accent"} testId={`key-chip-${provider}`}>
                {PROVIDER_LABELS[provider]}
                {known && known.tone !== "ok" ? ` — ${known.chip}` : ""}
              </Badge>
            );
          })}
        </p>
      ) : (
        <p className="ui-muted ui-small">
          {byokOnly ? "No keys are saved in this browser." : "Runs on the platform's keys."}{" "}
          <Link href="/settings/api-keys">Bring your own keys</Link> to pay your provider directly.
        </p>
      )}

      {saved.map((provider) => {
        const h = health[provider];
        const known = h ? describeKeyHealth(h, provider, formatDateTime) : null;
        if (!known || known.tone === "ok") return null;
        return (
          <p
            key={provider}
            className={`ui-small ui-alert ${known.tone === "danger" ? "ui-alert-error" : "ui-alert-warn"}`}
            data-testid={`key-problem-${provider}`}
          >
            <strong>{PROVIDER_LABELS[provider]}:</strong> <KeyHealthNote description={known} />{" "}
            <span className="ui-muted">({known.when})</span>
          </p>
        );
      })}

      {coverage && saved.length > 0 ? (
        <ul className="ui-small" data-testid="stage-coverage">
          {TASKS.map((task) => (
            <li key={task} data-testid={`coverage-${task}`}>
              {STAGE_TITLES[task]}: {coverageText(coverage[task])}
            </li>
          ))}
        </ul>
      ) : null}

      {coverage && byokOnly && blocked.length > 0 ? (
        <StatusMessage tone="warn" testId="byok-only-warning">
          Your settings use only your own keys, so a recording would stop at{" "}
          {blocked.map((task) => STAGE_TITLES[task].toLowerCase()).join(" and ")}:{" "}
          {blocked.map((task) => coverageReason(coverage[task])).join(" ")}{" "}
          <Link href="/settings/api-keys">Add a key or change the setting</Link>.
        </StatusMessage>
      ) : null}
    </div>
  );
}

function coverageReason(coverage: StageCoverage): string {
  const { result } = coverage.route;
  if (result.kind === "fail" && result.reason !== "no_user_key") {
    return `your keys that can do ${STAGE_TITLES[coverage.task].toLowerCase()} are failing.`;
  }
  return `none of your keys can do ${STAGE_TITLES[coverage.task].toLowerCase()} (${labels(coverage.capable)} can).`;
}
