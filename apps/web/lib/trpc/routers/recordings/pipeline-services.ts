import { bullPrefix, createRecordingStore, type RecordingStore } from "@byok/pipeline";
import { FlowProducer } from "bullmq";
import type { Services } from "~/lib/server/services";

export interface PipelineServices {
  recordings: RecordingStore;
  flowProducer: FlowProducer;
  recordingsDir: string;
}

// One producer per services object (tests build several); BullMQ does not close a connection it was handed.
const cache = new WeakMap<Services, PipelineServices>();

export function pipelineFor(services: Services): PipelineServices {
  let found = cache.get(services);
  if (!found) {
    const prefix = services.env.BYOK_REDIS_PREFIX;
    found = {
      recordings: createRecordingStore({ redis: services.redis, prefix }),
      flowProducer: new FlowProducer({ connection: services.redis, prefix: bullPrefix(prefix) }),
      recordingsDir: services.env.RECORDINGS_DIR,
    };
    cache.set(services, found);
  }
  return found;
}
