import { byokRefSchema } from "@byok/types";
import { z } from "zod";

export const recordingIdSchema = z.string().regex(/^rec_[a-f0-9]{32}$/, "not a recording id");

/** The whole job payload: ids and a reference, never a key (docs/decisions.md, Contracts). */
export const pipelineJobSchema = z
  .object({
    recordingId: recordingIdSchema,
    userId: z.string().min(1).max(128),
    byokRef: byokRefSchema.optional(),
  })
  .strict();
export type PipelineJob = z.infer<typeof pipelineJobSchema>;
