import { Redis } from "ioredis";
import { userIdForEmail } from "@byok/accounts";
import { createRecordingStore, type RecordingPatch, type RecordingStore } from "@byok/pipeline";
import type { StackInfo } from "~/e2e/stack/stack-file";

export type SeededState = "queued" | "processing" | "failed";

const PATCHES: Record<SeededState, RecordingPatch> = {
  queued: {},
  processing: {
    status: "processing",
    transcript: "Thanks everyone. First item: the release moves to Thursday.",
    stages: {
      stt: {
        status: "completed",
        progress: 100,
        attempts: 1,
        attribution: { provider: "openai", model: "whisper-1", tier: 0, keySource: "byok", fallbackReason: null },
      },
      analysis: { status: "processing", progress: 40, attempts: 1 },
    },
  },
  failed: {
    status: "failed",
    stages: {
      stt: {
        status: "failed",
        progress: 0,
        attempts: 1,
        error: { reason: "invalid_key", message: "The provider rejected this key." },
      },
    },
  },
};

/**
 * A recording that stays in one state, written through the pipeline's own store into the stack's
 * Redis: no job is queued for it, so no worker moves it on while the screens are captured.
 */
export async function seedRecording(stack: StackInfo, email: string, fileName: string, state: SeededState, patch: RecordingPatch = {}): Promise<string> {
  return withStore(stack, async (store) => {
    const created = await store.create({ userId: userIdForEmail(email), fileName, audioType: "wav", size: 4044, storedPath: "/nonexistent" });
    await store.update(created.id, { ...PATCHES[state], ...patch });
    return created.id;
  });
}

/** Moves a seeded recording on, as a worker would have. */
export async function updateSeededRecording(stack: StackInfo, id: string, patch: RecordingPatch): Promise<void> {
  await withStore(stack, (store) => store.update(id, patch));
}

async function withStore<T>(stack: StackInfo, use: (store: RecordingStore) => Promise<T>): Promise<T> {
  const redis = new Redis(stack.redisUrl);
  try {
    return await use(createRecordingStore({ redis, prefix: stack.prefix }));
  } finally {
    redis.disconnect();
  }
}
