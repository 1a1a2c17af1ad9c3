"use client";

import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import { describeCallError, isTransientCallError } from "~/components/ui/describe-call-error";
import { backoffPolling } from "~/components/recordings/poll-schedule";
import { useFreshRecording } from "~/components/recordings/fresh-recording";
import { DeleteRecordingButton } from "~/components/recordings/delete-recording-button";
import { StageCard } from "~/components/recordings/stage-card";
import {
  STAGE_TITLES,
  STATUS_TEXT,
  isActive,
  statusTone,
  type RecordingView,
} from "~/components/recordings/recording-view";
import { formatDateTime } from "~/lib/format/date-time";
import { useTRPC } from "~/lib/trpc/client";

const POLL_MS = 1000;

// Only a failed recording shows it, and it brings the vault's unlock form and the key upload.
const RetryPanel = dynamic(() => import("~/components/recordings/retry-panel").then((m) => m.RetryPanel));

export function RecordingDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [refetchInterval] = useState(() =>
    backoffPolling<RecordingView>({ baseMs: POLL_MS, shouldPoll: (r) => isActive(r.status) }),
  );
  // The poll is the retry: a failed poll backs off and tries again instead of retrying inside one fetch.
  const query = useQuery({ ...trpc.recordings.get.queryOptions({ id }), staleTime: 0, retry: false, refetchInterval });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const fresh = useFreshRecording();
  const recording = query.data as RecordingView | undefined;
  const status = recording?.status;

  // The list polls on its own clock; refresh it the moment this recording settles so both agree.
  // The keys' health changed with this recording's calls: the upload screen's chips follow.
  useEffect(() => {
    if (status === "completed" || status === "failed") {
      // invalidateQueries resolves even when the refetch fails (the list shows that error itself).
      queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() }).catch(() => undefined);
      // The recording may have changed what is known about the user's keys.
      queryClient.invalidateQueries({ queryKey: trpc.user.keyHealth.queryKey() }).catch(() => undefined);
    }
  }, [status, queryClient, trpc]);

  const loaded = recording !== undefined;
  // Only when a recording the user just started first appears, not on every poll or later visit.
  useEffect(() => {
    if (loaded && fresh.id === id) {
      headingRef.current?.focus();
      fresh.clear();
    }
  }, [id, loaded, fresh]);

  const reconnecting = query.isError && isTransientCallError(query.error);

  if (!recording) {
    if (query.isError && !reconnecting) {
      return (
        <StatusMessage tone="error">
          {describeCallError(query.error, "This recording could not be loaded.")}
        </StatusMessage>
      );
    }
    return (
      <section className="ui-section" aria-busy="true">
        <p className="ui-row ui-muted">
          <Spinner /> {reconnecting ? "Reconnecting…" : "Loading recording…"}
        </p>
      </section>
    );
  }

  const active = isActive(recording.status);

  return (
    <section
      className="ui-section ui-stack"
      aria-labelledby="recording-title"
      data-testid="recording-detail"
      data-status={recording.status}
    >
      <div className="ui-section-head">
        <div>
          <h2 id="recording-title" ref={headingRef} tabIndex={-1}>
            {recording.fileName}
          </h2>
          <p className="ui-muted ui-small">Uploaded {formatDateTime(recording.createdAt)}</p>
        </div>
        <div className="ui-row">
          <Badge tone={statusTone(recording.status)} testId="recording-status">
            {active ? <Spinner /> : null}
            {STATUS_TEXT[recording.status]}
          </Badge>
          <DeleteRecordingButton
            id={recording.id}
            fileName={recording.fileName}
            onDeleted={() => router.push("/recordings")}
          />
        </div>
      </div>

      {/* Quiet and polite: the last known state stays on screen while the poll backs off and tries again. */}
      {reconnecting && active ? (
        <p className="ui-muted ui-small" role="status" data-testid="recording-reconnecting">
          Reconnecting… the progress below is from {formatDateTime(recording.updatedAt)}.
        </p>
      ) : null}

      <StatusMessage
        tone={recording.status === "failed" ? "error" : recording.status === "completed" ? "success" : "info"}
      >
        {statusSentence(recording)}
      </StatusMessage>

      {recording.status === "failed" ? <RetryPanel recording={recording} /> : null}

      <StageCard
        stage={recording.stages.stt}
        title={STAGE_TITLES.stt}
        testId="stage-stt"
        recordingFailed={recording.status === "failed"}
        cost={recording.costs.stt}
        failedCall={recording.failedCalls.stt}
      />
      <StageCard
        stage={recording.stages.analysis}
        title={STAGE_TITLES.analysis}
        testId="stage-analysis"
        recordingFailed={recording.status === "failed"}
        cost={recording.costs.analysis}
        failedCall={recording.failedCalls.analysis}
      />

      {recording.analysis ? (
        <div className="ui-stack" data-testid="recording-analysis">
          <h3>Summary</h3>
          <p data-testid="analysis-summary">{recording.analysis.summary}</p>
          {recording.analysis.keyPoints.length > 0 ? (
            <>
              <h3>Key points</h3>
              <ul className="ui-keypoints" data-testid="analysis-keypoints">
                {recording.analysis.keyPoints.map((point, index) => (
                  <li key={index}>{point}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      {recording.transcript !== null ? (
        <div className="ui-stack">
          <h3>Transcript</h3>
          <pre className="ui-transcript" data-testid="recording-transcript" tabIndex={0} aria-label="Transcript">
            {recording.transcript}
          </pre>
        </div>
      ) : null}
    </section>
  );
}

function statusSentence(recording: RecordingView): string {
  switch (recording.status) {
    case "queued":
      return "Waiting for a worker…";
    case "processing":
      return recording.stages.stt.status === "completed" ? "Transcribed. Analysing…" : "Transcribing…";
    case "completed":
      return "Done: transcript and analysis are ready.";
    case "failed":
      return recording.failure?.message ?? "This recording failed. The stage below says why.";
  }
}
