"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { BusyButton } from "~/components/ui/busy-button";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import { useRecordingsVault } from "~/components/recordings/recordings-vault";
import { useCacheOwnKeys } from "~/components/recordings/use-start-recording";
import type { RecordingView } from "~/components/recordings/recording-view";
import { unlockVault, vaultErrorMessage } from "~/components/settings/vault-messages";
import { VaultUnlockForm } from "~/components/settings/vault-unlock-form";
import { useTRPC, useTRPCClient } from "~/lib/trpc/client";

type Mode = "own" | "platform";

/**
 * Retry for a failed recording (docs/billing.md, "Retrying a failed recording"): with the user's
 * keys, which leave the vault exactly as for an upload, or, under "fallback" only, on the
 * platform's keys. A locked vault asks to be unlocked first, like the upload panel. A completed
 * transcript is kept, so only what failed runs (and is paid for) again.
 */
export function RetryPanel({ recording }: { recording: RecordingView }) {
  const context = useRecordingsVault();
  const vault = context?.vault ?? null;
  const snapshot = context?.snapshot;
  const account = context?.account;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { cache, release } = useCacheOwnKeys(vault);
  const [unlocking, setUnlocking] = useState(false);

  const retry = useMutation({
    mutationFn: async (mode: Mode) => {
      if (mode === "platform")
        return client.recordings.retry.mutate({ id: recording.id, run: recording.run, keys: "platform" });
      const byokRef = await cache();
      if (!byokRef) throw new Error("Your vault holds no keys to retry with. Add a key in Settings → API Keys.");
      try {
        return await client.recordings.retry.mutate({ id: recording.id, run: recording.run, keys: "own", byokRef });
      } catch (error) {
        await release(byokRef);
        throw error;
      }
    },
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.recordings.get.queryKey({ id: recording.id }) }),
        queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() }),
      ]).catch(() => undefined);
    },
  });

  if (!snapshot || !account) return null;
  const byokOnly = account.policy === "byok_only";
  const unlocked = snapshot.state === "unlocked";
  const hasKeys = unlocked && snapshot.keys.length > 0;
  const locked = snapshot.state === "locked";
  // Without the file a retry could not transcribe; the stage's note says to upload it again.
  if (!recording.fileStored && recording.stages.stt.status !== "completed") return null;

  return (
    <div className="ui-stack" data-testid="retry-panel">
      {unlocking && locked ? (
        <VaultUnlockForm
          title="Unlock to retry with your keys"
          lockCause={snapshot.lockCause}
          autoFocus
          onUnlock={async (password) => {
            const failure = await unlockVault(vault, password);
            if (failure) return failure;
            setUnlocking(false);
            retry.mutate("own");
            return null;
          }}
        />
      ) : null}
      <div className="ui-form-actions">
        {hasKeys ? (
          <BusyButton
            type="button"
            className="ui-button ui-button-primary"
            busy={retry.isPending}
            keepFocus
            onClick={() => retry.mutate("own")}
            data-testid="retry-own"
          >
            Retry with your keys
          </BusyButton>
        ) : locked && !unlocking ? (
          <button
            type="button"
            className="ui-button ui-button-primary"
            onClick={() => setUnlocking(true)}
            data-testid="retry-unlock"
          >
            Unlock to retry with your keys
          </button>
        ) : null}
        {byokOnly ? null : (
          <BusyButton
            type="button"
            className={hasKeys ? "ui-button" : "ui-button ui-button-primary"}
            busy={retry.isPending}
            keepFocus
            onClick={() => retry.mutate("platform")}
            data-testid="retry-platform"
          >
            Re-run on platform keys
          </BusyButton>
        )}
      </div>
      {byokOnly && !hasKeys && !locked ? (
        <p className="ui-small ui-muted">
          Your settings use only your own keys. <Link href="/settings/api-keys">Add a key in Settings → API Keys</Link>{" "}
          to retry.
        </p>
      ) : null}
      <StatusMessage tone="error">
        {retry.isError ? describeCallError(retry.error, vaultErrorMessage(retry.error)) : null}
      </StatusMessage>
    </div>
  );
}
