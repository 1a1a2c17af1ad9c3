import { attributionSchema, failureReasonSchema } from "@byok/types";
import { z } from "zod";
import { AUDIO_TYPES } from "./audio-sniff";

export const RECORDING_STATUSES = ["queued", "processing", "completed", "failed"] as const;
export const STAGE_STATUSES = ["pending", "processing", "completed", "failed"] as const;
export const STAGES = ["stt", "analysis"] as const;
export type Stage = (typeof STAGES)[number];

/** Provider failure reasons plus the two that are nobody's key: bad input and our own bugs. */
export const stageErrorReasonSchema = z.union([failureReasonSchema, z.enum(["bad_request", "no_server_key", "internal_error"])]);
export type StageErrorReason = z.infer<typeof stageErrorReasonSchema>;

export const stageStateSchema = z.object({
  status: z.enum(STAGE_STATUSES),
  progress: z.number().int().min(0).max(100),
  attribution: attributionSchema.nullable(),
  error: z.object({ reason: stageErrorReasonSchema, message: z.string() }).nullable(),
  attempts: z.number().int().min(0),
});
export type StageState = z.infer<typeof stageStateSchema>;

export const analysisSchema = z.object({ summary: z.string(), keyPoints: z.array(z.string()) });
export type Analysis = z.infer<typeof analysisSchema>;

export const recordingRecordSchema = z.object({
  id: z.string(),
  userId: z.string(),
  fileName: z.string(),
  audioType: z.enum(AUDIO_TYPES),
  size: z.number().int().min(0),
  storedPath: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(RECORDING_STATUSES),
  stages: z.object({ stt: stageStateSchema, analysis: stageStateSchema }),
  transcript: z.string().nullable(),
  analysis: analysisSchema.nullable(),
});
export type RecordingRecord = z.infer<typeof recordingRecordSchema>;

export function pendingStage(): StageState {
  return { status: "pending", progress: 0, attribution: null, error: null, attempts: 0 };
}
