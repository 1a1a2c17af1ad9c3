import type { RecordingRecord, StageState } from "@byok/pipeline";

/** What the screen needs from a recording; the router may send more (never the stored path). */
export type RecordingView = Pick<
  RecordingRecord,
  "id" | "fileName" | "createdAt" | "updatedAt" | "status" | "stages" | "transcript" | "analysis"
>;
export type RecordingSummaryView = Pick<RecordingRecord, "id" | "fileName" | "createdAt" | "status">;
export type { StageState };

export const STAGE_TITLES = { stt: "Transcription", analysis: "Analysis" } as const;

export function isActive(status: RecordingRecord["status"]): boolean {
  return status === "queued" || status === "processing";
}

export function statusTone(status: RecordingRecord["status"]): "danger" | "ok" | "accent" {
  return status === "failed" ? "danger" : status === "completed" ? "ok" : "accent";
}

export const STATUS_TEXT: Record<RecordingRecord["status"], string> = {
  queued: "Queued",
  processing: "Processing",
  completed: "Completed",
  failed: "Failed",
};
