import { AUDIO_MIME } from "@byok/audio";
import { readUpload } from "@byok/uploads";
import type { Job } from "bullmq";
import { runStage, type StageResult } from "../lib/stage-runner";
import { clientForCall, type WorkerContext } from "../lib/worker-context";

export function createSttProcessor(ctx: WorkerContext) {
  return (job: Job, token?: string): Promise<StageResult> =>
    runStage(ctx, job, token, {
      stage: "stt",
      last: false,
      async work({ recording, route, progress }) {
        // The stage runner fails a recording whose file is gone before it gets here.
        const data = await readUpload(recording.storedPath as string);
        const file = { name: `${recording.id}.${recording.audioType}`, data, type: AUDIO_MIME[recording.audioType] };
        await progress(30);
        const { value, attribution } = await route("stt", (call) =>
          clientForCall(ctx, call).transcribe(file, call.model),
        );
        return { attribution, result: { transcript: value.text } };
      },
    });
}
