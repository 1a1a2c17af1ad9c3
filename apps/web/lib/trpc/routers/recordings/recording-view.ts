import type { RecordingRecord } from "@byok/db";

/**
 * Everything the owner may see; the server-side path and the key reference stay on the server. The
 * run is shown because a retry names the run it retries: a second click for the same run is then
 * recognised and starts nothing.
 */
export function toRecordingView(r: RecordingRecord) {
  return {
    id: r.id,
    fileName: r.fileName,
    audioType: r.audioType,
    size: r.size,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    run: r.run,
    status: r.status,
    stages: r.stages,
    transcript: r.transcript,
    analysis: r.analysis,
    failure: r.failure,
    /** A retry can run without the file only when the transcript is already stored. */
    fileStored: r.storedPath !== null,
  };
}
export type RecordingViewOutput = ReturnType<typeof toRecordingView>;
