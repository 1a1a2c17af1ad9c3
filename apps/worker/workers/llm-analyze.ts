import type { Job } from "bullmq";
import { ANALYSIS_MAX_TOKENS, ANALYSIS_SYSTEM, parseAnalysis } from "../lib/analysis-prompt";
import { StageFailure } from "../lib/llm-router";
import { runStage, type StageResult } from "../lib/stage-runner";
import { clientForCall, type WorkerContext } from "../lib/worker-context";

export function createAnalyzeProcessor(ctx: WorkerContext) {
  return (job: Job, token?: string): Promise<StageResult> =>
    runStage(ctx, job, token, {
      stage: "analysis",
      last: true,
      async work({ recording, route, progress }) {
        // The stt child completed before this parent runs; a missing transcript is our bug, not the user's.
        if (recording.transcript === null) throw new StageFailure("internal_error", null, false);
        await progress(30);
        const transcript = recording.transcript;
        const { value, attribution } = await route("analysis", (call) =>
          clientForCall(ctx, call).generateText({
            model: call.model,
            system: ANALYSIS_SYSTEM,
            prompt: transcript,
            maxTokens: ANALYSIS_MAX_TOKENS,
          }),
        );
        return { attribution, result: { analysis: parseAnalysis(value.text) } };
      },
    });
}
