import { relations as defineRelations } from "drizzle-orm";
import { keyHealth, recordingStages, recordings, users } from "./schema";

const recordingsRelations = defineRelations(recordings, ({ many, one }) => ({
  stages: many(recordingStages),
  user: one(users, { fields: [recordings.userId], references: [users.id] }),
}));

const recordingStagesRelations = defineRelations(recordingStages, ({ one }) => ({
  recording: one(recordings, { fields: [recordingStages.recordingId], references: [recordings.id] }),
}));

const usersRelations = defineRelations(users, ({ many }) => ({
  keyHealth: many(keyHealth),
}));

const keyHealthRelations = defineRelations(keyHealth, ({ one }) => ({
  user: one(users, { fields: [keyHealth.userId], references: [users.id] }),
}));

export const relations = { recordingsRelations, recordingStagesRelations, usersRelations, keyHealthRelations };
