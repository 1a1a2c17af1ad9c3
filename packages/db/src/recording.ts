import type { AudioType } from "@byok/audio";
import type { Attribution } from "@byok/types";
import { z } from "zod";

export const RECORDING_STATUSES = ["queued", "processing", "completed", "failed"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];
export const STAGE_STATUSES = ["pending", "processing", "completed", "failed"] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];
export const STAGES = ["stt", "analysis"] as const;
export type Stage = (typeof STAGES)[number];

export const FINAL_STATUSES: ReadonlySet<RecordingStatus> = new Set(["completed", "failed"]);

export function isFinal(status: RecordingStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** A reason and our own message for it: never a provider's text, which may quote a key. */
export interface Failure {
  reason: string;
  message: string;
}

export interface StageState {
  status: StageStatus;
  progress: number;
  attribution: Attribution | null;
  error: Failure | null;
  attempts: number;
}

export const analysisSchema = z.object({ summary: z.string(), keyPoints: z.array(z.string()) });
export type Analysis = z.infer<typeof analysisSchema>;

export interface RecordingRecord {
  id: string;
  userId: string;
  fileName: string;
  audioType: AudioType;
  size: number;
  /** null once the file was removed by retention. */
  storedPath: string | null;
  byokRef: string | null;
  run: number;
  status: RecordingStatus;
  stages: Record<Stage, StageState>;
  transcript: string | null;
  analysis: Analysis | null;
  /** Why the recording failed when no single stage did (stalled jobs, lost queues). */
  failure: Failure | null;
  dispatchedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export function pendingStage(): StageState {
  return { status: "pending", progress: 0, attribution: null, error: null, attempts: 0 };
}
