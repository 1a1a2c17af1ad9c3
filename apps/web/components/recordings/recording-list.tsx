"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError, isTransientCallError } from "~/components/ui/describe-call-error";
import { backoffPolling } from "~/components/recordings/poll-schedule";
import { STATUS_TEXT, isActive, statusTone, type RecordingSummaryView } from "~/components/recordings/recording-view";
import { PAID_BY_TEXT } from "~/components/usage/usage-labels";
import { formatDateTime } from "~/lib/format/date-time";
import { formatUsd } from "~/lib/format/numbers";
import { useTRPC } from "~/lib/trpc/client";

const LIST_POLL_MS = 2000;

export function RecordingList() {
  const trpc = useTRPC();
  const params = useParams<{ id?: string }>();
  const [refetchInterval] = useState(() =>
    backoffPolling<RecordingSummaryView[]>({
      baseMs: LIST_POLL_MS,
      shouldPoll: (items) => items.some((r) => isActive(r.status)),
    }),
  );
  const query = useQuery({ ...trpc.recordings.list.queryOptions(), staleTime: 0, retry: false, refetchInterval });
  const items: RecordingSummaryView[] = query.data ?? [];
  const reconnecting = query.isError && isTransientCallError(query.error);

  return (
    <nav aria-labelledby="recordings-list-title" className="ui-stack">
      <h2 id="recordings-list-title">Your recordings</h2>
      {query.isPending ? <p className="ui-muted">Loading…</p> : null}
      {reconnecting ? (
        <p className="ui-muted ui-small" role="status" data-testid="recordings-reconnecting">
          Reconnecting…
        </p>
      ) : query.isError ? (
        <StatusMessage tone="error">
          {describeCallError(query.error, "Your recordings could not be loaded.")}
        </StatusMessage>
      ) : null}
      {query.isSuccess && items.length === 0 ? <p className="ui-muted">No recordings yet.</p> : null}
      <ul className="ui-list" data-testid="recording-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link
              href={`/recordings/${item.id}`}
              className="ui-list-item"
              aria-current={item.id === params.id ? "page" : undefined}
            >
              <strong>{item.fileName}</strong>
              <span className="ui-row ui-small ui-muted">
                <Badge tone={statusTone(item.status)}>{STATUS_TEXT[item.status]}</Badge>
                {formatDateTime(item.createdAt)}
              </span>
              {item.cost?.paidBy ? (
                <span className="ui-small ui-muted" data-testid="recording-list-cost">
                  Paid by: {PAID_BY_TEXT[item.cost.paidBy]}
                  {item.cost.estimatedCostUsd === null ? null : ` · ≈ ${formatUsd(item.cost.estimatedCostUsd)}`}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
