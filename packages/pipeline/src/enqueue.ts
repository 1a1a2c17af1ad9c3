import type { FlowProducer, JobNode } from "bullmq";
import { type PipelineJob, pipelineJobSchema } from "./job-schema";
import { QUEUES, type StageJobPolicy, stageJobOptions } from "./queues";

export interface EnqueueRunInput extends PipelineJob {
  flowProducer: FlowProducer;
  policy?: StageJobPolicy;
}

/** BullMQ job ids of one run. Adding a flow whose ids exist is a no-op, which makes a relay idempotent. */
export function runJobIds({ recordingId, run }: Pick<PipelineJob, "recordingId" | "run">) {
  return { stt: `${recordingId}-r${run}-stt`, analyze: `${recordingId}-r${run}-analyze` };
}

/** One flow per run: the llm-analyze parent waits for its stt child. */
export async function enqueueRun({ flowProducer, policy, ...payload }: EnqueueRunInput): Promise<JobNode> {
  const data = pipelineJobSchema.parse(payload);
  const opts = stageJobOptions(policy);
  const ids = runJobIds(data);
  return flowProducer.add({
    name: QUEUES.analyze,
    queueName: QUEUES.analyze,
    data,
    opts: { ...opts, jobId: ids.analyze },
    children: [
      {
        name: QUEUES.stt,
        queueName: QUEUES.stt,
        data,
        // A transcript that never comes must not leave the parent waiting forever.
        opts: { ...opts, jobId: ids.stt, failParentOnFailure: true },
      },
    ],
  });
}
