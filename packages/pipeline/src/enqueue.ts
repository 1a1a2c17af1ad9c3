import type { FlowProducer, JobNode } from "bullmq";
import { type PipelineJob, pipelineJobSchema } from "./job-schema";
import { QUEUES, type StageJobPolicy, stageJobOptions } from "./queues";

export interface EnqueueRecordingInput extends PipelineJob {
  flowProducer: FlowProducer;
  policy?: StageJobPolicy;
}

/** One flow per recording: the llm-analyze parent waits for its stt child. */
export async function enqueueRecording({ flowProducer, policy, ...payload }: EnqueueRecordingInput): Promise<JobNode> {
  const data = pipelineJobSchema.parse(payload);
  const opts = stageJobOptions(policy);
  return flowProducer.add({
    name: QUEUES.analyze,
    queueName: QUEUES.analyze,
    data,
    opts: { ...opts, jobId: `${data.recordingId}-analyze` },
    children: [
      {
        name: QUEUES.stt,
        queueName: QUEUES.stt,
        data,
        // A transcript that never comes must not leave the parent waiting forever.
        opts: { ...opts, jobId: `${data.recordingId}-stt`, failParentOnFailure: true },
      },
    ],
  });
}
