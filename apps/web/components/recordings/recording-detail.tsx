"use client";

import { useEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Spinner } from "~/components/ui/spinner";
import { StatusMessage } from "~/components/ui/status-message";
import { useTRPC } from "~/lib/trpc/client";
import { describeCallError } from "~/components/ui/describe-call-error";
import { DeleteRecordingButton } from "./delete-recording-button";
import { StageCard } from "./stage-card";
import { STAGE_TITLES, STATUS_TEXT, isActive, type RecordingView } from "./recording-view";

const POLL_MS = 1000;

export function RecordingDetail({ id, focusOnLoad, onDeleted }: { id: string; focusOnLoad: boolean; onDeleted: () => void }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.recordings.get.queryOptions({ id }),
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.status === "error") return false;
      const data = q.state.data as RecordingView | undefined;
      return !data || isActive(data.status) ? POLL_MS : false;
    },
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const status = (query.data as RecordingView | undefined)?.status;

  // The list polls on its own clock; refresh it the moment this recording settles so both agree.
  // The keys' health changed with this recording's calls: the upload screen's chips follow.
  useEffect(() => {
    if (status === "completed" || status === "failed") {
      void queryClient.invalidateQueries({ queryKey: trpc.recordings.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.user.keyHealth.queryKey() });
    }
  }, [status, queryClient, trpc]);

  const loaded = query.data !== undefined;
  // Only when a newly started recording first appears, not on every poll.
  useEffect(() => {
    if (focusOnLoad && loaded) headingRef.current?.focus();
  }, [id, focusOnLoad, loaded]);

  if (query.isPending) {
    return (
      <section className="ui-section" aria-busy="true">
        <p className="ui-row ui-muted">
          <Spinner /> Loading recording…
        </p>
      </section>
    );
  }
  if (query.isError) {
    return <StatusMessage tone="error">{describeCallError(query.error, "This recording could not be loaded.")}</StatusMessage>;
  }

  const recording: RecordingView = query.data;
  const active = isActive(recording.status);

  return (
    <section className="ui-section ui-stack" aria-labelledby="recording-title" data-testid="recording-detail" data-status={recording.status}>
      <div className="ui-section-head">
        <div>
          <h2 id="recording-title" ref={headingRef} tabIndex={-1}>
            {recording.fileName}
          </h2>
          <p className="ui-muted ui-small">Uploaded {new Date(recording.createdAt).toLocaleString()}</p>
        </div>
        <div className="ui-row">
          <Badge tone={recording.status === "failed" ? "danger" : recording.status === "completed" ? "ok" : "accent"} testId="recording-status">
            {active ? <Spinner /> : null}
            {STATUS_TEXT[recording.status]}
          </Badge>
          <DeleteRecordingButton id={recording.id} fileName={recording.fileName} onDeleted={onDeleted} />
        </div>
      </div>

      <StatusMessage tone={recording.status === "failed" ? "error" : recording.status === "completed" ? "success" : "info"}>
        {statusSentence(recording)}
      </StatusMessage>

      <StageCard stage={recording.stages.stt} title={STAGE_TITLES.stt} testId="stage-stt" recordingFailed={recording.status === "failed"} />
      <StageCard
        stage={recording.stages.analysis}
        title={STAGE_TITLES.analysis}
        testId="stage-analysis"
        recordingFailed={recording.status === "failed"}
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
