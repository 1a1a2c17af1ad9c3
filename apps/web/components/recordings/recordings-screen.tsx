"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc/client";
import { useVault } from "~/components/settings/use-vault";
import { useVaultActivity } from "~/components/settings/use-vault-activity";
import { RecordingDetail } from "~/components/recordings/recording-detail";
import { RecordingList } from "~/components/recordings/recording-list";
import { UploadPanel } from "~/components/recordings/upload-panel";

export function RecordingsScreen({ userId }: { userId: string }) {
  const { vault, snapshot } = useVault(userId);
  useVaultActivity(snapshot.state === "unlocked" ? vault : null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<{ id: string; fresh: boolean } | null>(null);

  return (
    <div className="ui-stack">
      <UploadPanel
        vault={vault}
        snapshot={snapshot}
        onStarted={(id) => {
          setSelected({ id, fresh: true });
          void queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() });
        }}
      />
      <div className="ui-layout-split">
        <RecordingList selectedId={selected?.id ?? null} onSelect={(id) => setSelected({ id, fresh: false })} />
        {selected ? (
          <RecordingDetail key={selected.id} id={selected.id} focusOnLoad={selected.fresh} />
        ) : (
          <section className="ui-section ui-empty">Choose a recording to see its transcript, analysis and who paid.</section>
        )}
      </div>
    </div>
  );
}
