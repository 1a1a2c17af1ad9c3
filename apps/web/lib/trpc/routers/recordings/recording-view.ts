import type { RecordingRecord } from "@byok/pipeline";

/** Everything the owner may see; the server-side path stays on the server. */
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
  };
}
export type RecordingViewOutput = ReturnType<typeof toRecordingView>;
