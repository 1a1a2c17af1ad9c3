import type { DispatchCandidate, RecordingRepository } from "@byok/db";
import type { FlowProducer } from "bullmq";
import { enqueueRun } from "./enqueue";
import type { StageJobPolicy } from "./queues";

export interface Dispatcher {
  /**
   * Hands a recording's run to the queue and marks it dispatched. Safe to repeat: the job ids are the
   * run's, so a relay that crashed after adding the flow adds nothing the second time.
   */
  dispatch(candidate: Pick<DispatchCandidate, "id" | "userId" | "run" | "byokRef">): Promise<void>;
}

export function createDispatcher({
  flowProducer,
  recordings,
  policy,
}: {
  flowProducer: FlowProducer;
  recordings: Pick<RecordingRepository, "markDispatched" | "noteDispatchFailure">;
  policy?: StageJobPolicy;
}): Dispatcher {
  return {
    async dispatch({ id, userId, run, byokRef }) {
      try {
        await enqueueRun({
          flowProducer,
          recordingId: id,
          userId,
          run,
          ...(byokRef ? { byokRef } : {}),
          ...(policy ? { policy } : {}),
        });
      } catch (err) {
        // Counted, so the reconciler fails the recording with a reason after a bounded number of tries.
        await recordings.noteDispatchFailure({ id, run });
        throw err;
      }
      await recordings.markDispatched({ id, run });
    },
  };
}
