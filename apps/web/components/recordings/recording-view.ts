import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/lib/trpc/root";

/** What the server sends for one recording: the router's own output type, never a copy of it. */
export type RecordingView = inferRouterOutputs<AppRouter>["recordings"]["get"];
/** One row of the list: the recording with its cost and who paid, over all its runs. */
export type RecordingSummaryView = inferRouterOutputs<AppRouter>["recordings"]["list"][number];
export type StageState = RecordingView["stages"]["stt"];

export const STAGE_TITLES = { stt: "Transcription", analysis: "Analysis" } as const;

export function isActive(status: RecordingView["status"]): boolean {
  return status === "queued" || status === "processing";
}

export function statusTone(status: RecordingView["status"]): "danger" | "ok" | "accent" {
  return status === "failed" ? "danger" : status === "completed" ? "ok" : "accent";
}

export const STATUS_TEXT: Record<RecordingView["status"], string> = {
  queued: "Queued",
  processing: "Processing",
  completed: "Completed",
  failed: "Failed",
};
