import type { RecordingRecord } from "@byok/db";

/** Everything the owner may see; the server-side path, the run and the key reference stay on the server. */
export function toRecordingView(r: RecordingRecord) {
  return {
    id: r.id,
    fileName: r.fileName,
    audioType: r.audioType,
    size: r.size,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    status: r.status,
    stages: r.stages,
    transcript: r.transcript,
    analysis: r.analysis,
    failure: r.failure,
  };
}
export type RecordingViewOutput = ReturnType<typeof toRecordingView>;
