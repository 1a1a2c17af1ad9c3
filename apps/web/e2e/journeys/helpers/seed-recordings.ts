import { createDatabase, createRecordingRepository, type Failure, type RecordingRepository } from "@byok/db";
import { newRecordingId } from "@byok/uploads";
import type { StackInfo } from "~/e2e/stack/stack-file";

export type SeededState = "queued" | "processing" | "failed";

const STT = {
  provider: "openai" as const,
  model: "whisper-1",
  tier: 0,
  keySource: "byok" as const,
  fallbackReason: null,
};
const TRANSCRIPT = "Thanks everyone. First item: the release moves to Thursday.";

/**
 * A recording that stays in one state, written through the repository a worker uses into the
 * stack's database, marked dispatched: no job is queued for it, and the stack's reconciler is slowed
 * (e2e/stack/start-stack.ts), so nothing moves it on while the screens are captured.
 */
export async function seedRecording(
  stack: StackInfo,
  userId: string,
  fileName: string,
  state: SeededState,
  { error = { reason: "invalid_key", message: "The provider rejected this key." } }: { error?: Failure } = {},
): Promise<string> {
  return withRecordings(stack, async (recordings) => {
    const id = newRecordingId();
    const rec = await recordings.create({
      id,
      userId,
      fileName,
      audioType: "wav",
      size: 4044,
      storedPath: "/nonexistent",
    });
    const run = { id, run: rec.run };
    await recordings.markDispatched(run);
    if (state === "queued") return id;
    await recordings.startStage(run, "stt", 1);
    if (state === "failed") {
      await recordings.failStage(run, "stt", error);
      return id;
    }
    await recordings.completeStage(run, "stt", { attribution: STT, transcript: TRANSCRIPT, final: false });
    await recordings.startStage(run, "analysis", 1);
    await recordings.setProgress(run, "analysis", 40);
    return id;
  });
}

/** Finishes a seeded recording's analysis, as a worker would have. */
export async function completeSeededRecording(
  stack: StackInfo,
  id: string,
  analysis: { summary: string; keyPoints: string[] },
): Promise<void> {
  await withRecordings(stack, async (recordings) => {
    await recordings.completeStage({ id, run: 1 }, "analysis", {
      attribution: { ...STT, model: "gpt-4o-mini" },
      analysis,
      final: true,
    });
  });
}

async function withRecordings<T>(stack: StackInfo, use: (recordings: RecordingRepository) => Promise<T>): Promise<T> {
  const database = createDatabase({ url: stack.databaseUrl, max: 1 });
  try {
    return await use(createRecordingRepository(database.db));
  } finally {
    await database.close();
  }
}
