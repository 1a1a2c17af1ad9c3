"use client";

import { useCallback, useDeferredValue, useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { PROVIDERS, SETTINGS_PROVIDER_ORDER, type Plan, type Provider } from "@byok/types";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import { retryAfterSeconds } from "~/components/ui/describe-call-error";
import { useCountdown } from "~/components/ui/use-countdown";
import { AutoLockWarning } from "~/components/settings/auto-lock-warning";
import { FallbackPolicySwitch } from "~/components/settings/fallback-policy-switch";
import { IdleTimeSetting } from "~/components/settings/idle-time-setting";
import { describeKeyTest, type KeyTestResult } from "~/components/settings/key-test-result";
import { ProviderKeyCard } from "~/components/settings/provider-key-card";
import { ProviderOrderSetting } from "~/components/settings/provider-order-setting";
import { useByokApi } from "~/components/settings/use-byok-api";
import { useKeyHealth } from "~/components/settings/use-key-health";
import { useVault } from "~/components/settings/use-vault";
import { useVaultActivity } from "~/components/settings/use-vault-activity";
import { vaultErrorMessage } from "~/components/settings/vault-messages";
import { VaultUnlockForm } from "~/components/settings/vault-unlock-form";
import {
  BackupExportButton,
  BackupImportForm,
  ChangePasswordForm,
  ResetVaultButton,
  VaultCreateForm,
} from "~/components/settings/vault-forms-on-demand";
import { useTRPC } from "~/lib/trpc/client";
import { formatDateTime } from "~/lib/format/date-time";

export function ByokKeysPanel({ userId, plan }: { userId: string; plan: Plan | null }) {
  const { vault, snapshot: latest, refresh } = useVault(userId);
  // The vault's state arrives after hydration and swaps the placeholder for a screen of forms.
  // Rendered as a deferred (interruptible) update, that work yields to the browser every few
  // milliseconds instead of blocking a phone's main thread in one long task.
  const snapshot = useDeferredValue(latest);
  const api = useByokApi();
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  const { health, resetHealth, refetchHealth } = useKeyHealth();
  const [tests, setTests] = useState<Partial<Record<Provider, KeyTestResult>>>({});
  const [testing, setTesting] = useState<Partial<Record<Provider, boolean>>>({});
  const [announcement, setAnnouncement] = useState<string | null>(null);
  // Our rate limit on key tests is per user: it pauses every card's Test button, and the card that
  // hit it says why. It says nothing about the key, so the card's last result stays as it was.
  const [cooldown, setCooldown] = useState<{ until: number; seconds: number; provider: Provider } | null>(null);
  const cooldownSeconds = useCountdown(cooldown?.until ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // null until the first load: a vault that is already unlocked on arrival takes no focus.
  const previousState = useRef<typeof snapshot.state | null>(null);
  useVaultActivity(snapshot.state === "unlocked" ? vault : null);

  // Move focus to the section that replaced the one the user was in, so keyboard users are not lost.
  useEffect(() => {
    if (snapshot.loading || previousState.current === snapshot.state) return;
    const arriving = previousState.current === null;
    previousState.current = snapshot.state;
    if (snapshot.state === "unlocked" && !arriving) headingRef.current?.focus();
    // Results belong to one unlocked session: dropped once per lock, with the focus move above.
    if (snapshot.state !== "unlocked") setTests({});
  }, [snapshot.state, snapshot.loading]);

  const run = useCallback(
    async (action: () => unknown): Promise<string | null> => {
      try {
        await action();
        await refresh();
        return null;
      } catch (error) {
        await refresh().catch(() => undefined);
        return vaultErrorMessage(error);
      }
    },
    [refresh],
  );

  const testKey = async (provider: Provider) => {
    if (!vault || cooldownSeconds > 0) return;
    setTesting((t) => ({ ...t, [provider]: true }));
    try {
      const key = await vault.getKey(provider);
      if (!key) throw new Error("missing");
      const output = await api.testKey(provider, key);
      // The test stored the key's health; the card shows the stored state from now on, with this
      // answer's details for as long as that state is the one this test left.
      const fresh = await refetchHealth().catch(() => null);
      const healthAt = fresh?.find((h) => h.provider === provider)?.observedAt ?? null;
      setTests((t) => ({ ...t, [provider]: describeKeyTest(output, provider, Date.now(), healthAt, formatDateTime) }));
    } catch (error) {
      const wait = retryAfterSeconds(error);
      if (wait !== null) {
        setCooldown({ until: Date.now() + wait * 1000, seconds: wait, provider });
        return;
      }
      setTests((t) => ({
        ...t,
        [provider]: {
          ok: false,
          message: api.describeError(error, vaultErrorMessage(error)),
          action: null,
          at: Date.now(),
          healthAt: health[provider]?.observedAt ?? null,
        },
      }));
    } finally {
      setTesting((t) => ({ ...t, [provider]: false }));
    }
  };

  if (!vault || snapshot.loading) {
    return (
      <section className="ui-section" aria-busy="true">
        <p className="ui-row ui-muted">
          <Spinner /> Opening your key vault…
        </p>
      </section>
    );
  }

  if (snapshot.loadError) {
    return <StatusMessage tone="error">{vaultErrorMessage(snapshot.loadError)}</StatusMessage>;
  }

  const policySwitch = (
    <>
      <FallbackPolicySwitch />
      <ProviderOrderSetting order={me.data?.providerOrder} />
    </>
  );
  // Every key of this browser goes: so does what was known about them.
  const resetVault = async () => {
    await vault.reset();
    await resetHealth([...PROVIDERS]);
  };

  if (snapshot.state === "empty") {
    return (
      <div className="ui-stack" data-vault-state="empty">
        <VaultCreateForm onCreate={(password) => run(() => vault.initialize(password))} />
        <section className="ui-section" aria-labelledby="restore-title">
          <h2 id="restore-title">Restore from a backup</h2>
          <p className="ui-muted">Have an encrypted backup from this app? Import it instead of creating a new vault.</p>
          <BackupImportForm
            onImport={(text, password) =>
              run(async () => {
                await vault.importBackup(text, password);
                await resetHealth([...PROVIDERS]);
              })
            }
          />
        </section>
        {policySwitch}
      </div>
    );
  }

  if (snapshot.state === "locked") {
    return (
      <div className="ui-stack" data-vault-state="locked">
        <VaultUnlockForm lockCause={snapshot.lockCause} onUnlock={(password) => run(() => vault.unlock(password))} />
        <section className="ui-section" aria-labelledby="forgot-title">
          <h2 id="forgot-title">Forgot the vault password?</h2>
          <p className="ui-muted">
            It cannot be recovered. Reset the vault, then add your keys again (or import a backup whose password you
            know).
          </p>
          <ResetVaultButton onReset={() => run(() => resetVault())} />
        </section>
        {policySwitch}
      </div>
    );
  }

  const saved = new Map(snapshot.keys.map((k) => [k.provider, k]));

  return (
    <div className="ui-stack" data-vault-state="unlocked">
      <AutoLockWarning vault={vault} />
      <div className="ui-lockbar">
        <div>
          <h2 ref={headingRef} tabIndex={-1} id="vault-unlocked-title">
            Vault unlocked
          </h2>
          <IdleTimeSetting />
        </div>
        <button
          type="button"
          className="ui-button"
          onClick={() => {
            setAnnouncement("Vault locked.");
            run(() => vault.lock())
              .then((failure) => {
                if (failure) setAnnouncement(failure);
              })
              .catch((failure: unknown) => setAnnouncement(vaultErrorMessage(failure)));
          }}
        >
          Lock vault
        </button>
      </div>
      <StatusMessage tone="info">{announcement}</StatusMessage>
      {snapshot.persisted === false ? (
        <StatusMessage tone="warn">
          This browser may clear site storage when space runs low. Export a backup so you can restore your keys.
        </StatusMessage>
      ) : null}

      <section aria-labelledby="keys-title" className="ui-stack">
        <h2 id="keys-title">Provider keys</h2>
        <div className="ui-grid">
          {SETTINGS_PROVIDER_ORDER.map((provider) => (
            <ProviderKeyCard
              key={provider}
              provider={provider}
              plan={me.data?.plan ?? plan}
              saved={saved.get(provider)}
              health={health[provider]}
              testResult={tests[provider]}
              testing={testing[provider] ?? false}
              onSave={async (p, key) => {
                const failure = await run(async () => {
                  await vault.setKey(p, key);
                  await resetHealth([p]);
                });
                if (!failure) setTests((t) => ({ ...t, [p]: undefined }));
                return failure;
              }}
              cooldown={
                cooldown && cooldownSeconds > 0
                  ? { secondsLeft: cooldownSeconds, seconds: cooldown.seconds, here: cooldown.provider === provider }
                  : null
              }
              // testKey shows every failure on the card itself.
              onTest={(p) => {
                testKey(p).catch(() => undefined);
              }}
              onDelete={async (p) => {
                const failure = await run(async () => {
                  await vault.deleteKey(p);
                  await resetHealth([p]);
                });
                if (!failure) setTests((t) => ({ ...t, [p]: undefined }));
                return failure;
              }}
            />
          ))}
        </div>
      </section>

      {policySwitch}

      <section className="ui-section">
        <details className="ui-details">
          <summary>Change vault password</summary>
          <ChangePasswordForm onChange={(current, next) => run(() => vault.changePassword(current, next))} />
        </details>
      </section>

      <section className="ui-section" aria-labelledby="backup-title">
        <h2 id="backup-title">Backup</h2>
        <p className="ui-muted">
          Browsers can clear site data. An encrypted backup file lets you restore your keys here or in another browser;
          it needs the vault password.
        </p>
        <BackupExportButton onExport={() => vault.exportBackup()} />
      </section>

      <section className="ui-section" aria-labelledby="danger-title">
        <h2 id="danger-title">Reset vault</h2>
        <p className="ui-muted">Delete the vault and every key in it from this browser.</p>
        <ResetVaultButton onReset={() => run(() => resetVault())} />
      </section>
    </div>
  );
}
