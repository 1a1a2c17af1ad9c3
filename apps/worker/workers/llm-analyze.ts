import type { Job } from "bullmq";
import { ANALYSIS_MAX_TOKENS, ANALYSIS_SYSTEM, parseAnalysis } from "../lib/analysis-prompt";
import { StageFailure, routeCall } from "../lib/llm-router";
import { runStage, type StageResult } from "../lib/stage-runner";
import type { WorkerContext } from "../lib/worker-context";

export function createAnalyzeProcessor(ctx: WorkerContext) {
  return (job: Job): Promise<StageResult> =>
    runStage(ctx, job, {
      stage: "analysis",
      last: true,
      async work({ recording, plan, policy, byok, onCall, progress }) {
        // The stt child completed before this parent runs; a missing transcript is our bug, not the user's.
        if (recording.transcript === null) throw new StageFailure("internal_error", null, false);
        await progress(30);
        const { value, attribution } = await routeCall({
          plan,
          task: "analysis",
          policy,
          byok,
          serverKeys: ctx.serverKeys,
          classify: ctx.classify,
          onCall,
          invoke: (call) =>
            ctx
              .createClient({ provider: call.provider, apiKey: call.apiKey, baseUrl: ctx.baseUrls[call.provider], timeoutMs: ctx.timeoutMs })
              .generateText({ model: call.model, system: ANALYSIS_SYSTEM, prompt: recording.transcript as string, maxTokens: ANALYSIS_MAX_TOKENS }),
        });
        return { attribution, patch: { analysis: parseAnalysis(value) } };
      },
    });
}
