import { byokRefSchema } from "@byok/types";
import { RECORDING_ID_PATTERN } from "@byok/uploads";
import { z } from "zod";

export const recordingIdSchema = z.string().regex(RECORDING_ID_PATTERN, "not a recording id");

/** The whole job payload: ids, the run and a reference, never a key (docs/architecture.md, Jobs). */
export const pipelineJobSchema = z
  .object({
    recordingId: recordingIdSchema,
    userId: z.string().min(1).max(128),
    run: z.number().int().min(1),
    byokRef: byokRefSchema.optional(),
  })
  .strict();
export type PipelineJob = z.infer<typeof pipelineJobSchema>;
