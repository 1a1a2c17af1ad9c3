"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError } from "~/components/ui/describe-call-error";
import { useTRPC } from "~/lib/trpc/client";
import { STATUS_TEXT, isActive, type RecordingSummaryView } from "~/components/recordings/recording-view";

export function RecordingList({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.recordings.list.queryOptions(),
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.status === "error") return false;
      const items = (q.state.data ?? []) as RecordingSummaryView[];
      return items.some((r) => isActive(r.status)) ? 2000 : false;
    },
  });
  const items: RecordingSummaryView[] = query.data ?? [];

  return (
    <nav aria-labelledby="recordings-list-title" className="ui-stack">
      <h2 id="recordings-list-title">Your recordings</h2>
      {query.isPending ? <p className="ui-muted">Loading…</p> : null}
      {query.isError ? (
        <StatusMessage tone="error">{describeCallError(query.error, "Your recordings could not be loaded.")}</StatusMessage>
      ) : null}
      {query.isSuccess && items.length === 0 ? <p className="ui-muted">No recordings yet.</p> : null}
      <ul className="ui-list" data-testid="recording-list">
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="ui-list-item"
              aria-current={item.id === selectedId ? "true" : undefined}
              onClick={() => onSelect(item.id)}
            >
              <strong>{item.fileName}</strong>
              <span className="ui-row ui-small ui-muted">
                <Badge tone={item.status === "failed" ? "danger" : item.status === "completed" ? "ok" : "accent"}>
                  {STATUS_TEXT[item.status]}
                </Badge>
                {new Date(item.createdAt).toLocaleTimeString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
