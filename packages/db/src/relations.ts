import { relations as defineRelations } from "drizzle-orm";
import { recordingStages, recordings, users } from "./schema";

const recordingsRelations = defineRelations(recordings, ({ many, one }) => ({
  stages: many(recordingStages),
  user: one(users, { fields: [recordings.userId], references: [users.id] }),
}));

const recordingStagesRelations = defineRelations(recordingStages, ({ one }) => ({
  recording: one(recordings, { fields: [recordingStages.recordingId], references: [recordings.id] }),
}));

export const relations = { recordingsRelations, recordingStagesRelations };
