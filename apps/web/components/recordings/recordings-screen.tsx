"use client";

import { useDeferredValue, useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AutoLockWarning } from "~/components/settings/auto-lock-warning";
import { useKeyHealth } from "~/components/settings/use-key-health";
import { useVault } from "~/components/settings/use-vault";
import { useVaultActivity } from "~/components/settings/use-vault-activity";
import { FreshRecordingContext } from "~/components/recordings/fresh-recording";
import { RecordingList } from "~/components/recordings/recording-list";
import { RecordingsVaultContext } from "~/components/recordings/recordings-vault";
import { UploadPanel } from "~/components/recordings/upload-panel";
import { useTRPC } from "~/lib/trpc/client";

/**
 * Upload and list stay mounted across /recordings and /recordings/[id] (they live in the layout), so
 * moving between recordings keeps the vault state and an upload in progress; `children` is the page.
 */
export function RecordingsScreen({ userId, children }: { userId: string; children: ReactNode }) {
  const { vault, snapshot: latest } = useVault(userId);
  // Deferred like the API Keys panel's: the vault's arrival re-renders the upload panel in
  // interruptible slices rather than one long task on a phone (docs/ui.md, page weight).
  const snapshot = useDeferredValue(latest);
  useVaultActivity(snapshot.state === "unlocked" ? vault : null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const me = useQuery(trpc.user.me.queryOptions());
  const { health } = useKeyHealth();
  const [freshId, setFreshId] = useState<string | null>(null);
  const fresh = useMemo(() => ({ id: freshId, clear: () => setFreshId(null) }), [freshId]);
  const vaultContext = useMemo(() => ({ vault, snapshot, account: me.data }), [vault, snapshot, me.data]);

  return (
    <div className="ui-stack">
      <AutoLockWarning vault={snapshot.state === "unlocked" ? vault : null} />
      <UploadPanel
        vault={vault}
        snapshot={snapshot}
        account={me.data}
        health={health}
        onStarted={(id) => {
          setFreshId(id);
          // invalidateQueries resolves even when the refetch fails (the list shows that error itself).
          queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() }).catch(() => undefined);
          router.push(`/recordings/${id}`);
        }}
      />
      <div className="ui-layout-split">
        <RecordingList />
        <RecordingsVaultContext value={vaultContext}>
          <FreshRecordingContext value={fresh}>{children}</FreshRecordingContext>
        </RecordingsVaultContext>
      </div>
    </div>
  );
}
