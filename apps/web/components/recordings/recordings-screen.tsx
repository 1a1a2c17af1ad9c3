"use client";

import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc/client";
import { AutoLockWarning } from "~/components/settings/auto-lock-warning";
import { useKeyHealth } from "~/components/settings/use-key-health";
import { useVault } from "~/components/settings/use-vault";
import { useVaultActivity } from "~/components/settings/use-vault-activity";
import { RecordingDetail } from "./recording-detail";
import { RecordingList } from "./recording-list";
import { UploadPanel } from "./upload-panel";

export function RecordingsScreen({ userId }: { userId: string }) {
  const { vault, snapshot } = useVault(userId);
  useVaultActivity(snapshot.state === "unlocked" ? vault : null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.user.me.queryOptions());
  const { health } = useKeyHealth();
  const [selected, setSelected] = useState<{ id: string; fresh: boolean } | null>(null);

  return (
    <div className="ui-stack">
      <AutoLockWarning vault={snapshot.state === "unlocked" ? vault : null} />
      <UploadPanel
        vault={vault}
        snapshot={snapshot}
        account={me.data}
        health={health}
        onStarted={(id) => {
          setSelected({ id, fresh: true });
          void queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() });
        }}
      />
      <div className="ui-layout-split">
        <RecordingList selectedId={selected?.id ?? null} onSelect={(id) => setSelected({ id, fresh: false })} />
        {selected ? (
          <RecordingDetail key={selected.id} id={selected.id} focusOnLoad={selected.fresh} onDeleted={() => setSelected(null)} />
        ) : (
          <section className="ui-section ui-empty">Choose a recording to see its transcript, analysis and who paid.</section>
        )}
      </div>
    </div>
  );
}
