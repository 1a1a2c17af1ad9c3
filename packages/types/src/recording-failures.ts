/**
 * Why a recording failed when no provider call did: our own infrastructure. Each message tells the
 * user what happened and what to do, because "processing" forever tells them nothing.
 */
export const RECORDING_FAILURE_REASONS = ["stalled", "queue_unavailable", "interrupted", "file_missing"] as const;
export type RecordingFailureReason = (typeof RECORDING_FAILURE_REASONS)[number];

export const RECORDING_FAILURE_MESSAGES: Record<RecordingFailureReason, string> = {
  stalled: "Processing stopped repeatedly while working on this recording, so we stopped it. Retry it.",
  queue_unavailable: "The recording could not be handed to our processing queue. Retry it in a few minutes.",
  interrupted: "Processing was interrupted by an outage on our side and could not be resumed. Retry it.",
  file_missing: "The uploaded file is no longer stored, so this recording cannot be processed. Upload it again.",
};

export function recordingFailure(reason: RecordingFailureReason): { reason: RecordingFailureReason; message: string } {
  return { reason, message: RECORDING_FAILURE_MESSAGES[reason] };
}
