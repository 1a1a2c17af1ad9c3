import { QUEUES, bullPrefix } from "@byok/pipeline";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./helpers/harness";
import { dumpKeyspace, findSecrets } from "./helpers/sweep";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-payload");
  h.start({ queues: ["stt"] });
});
afterAll(async () => {
  await h.close();
});

describe("job payload validation", { timeout: 60_000 }, () => {
  it("fails a job carrying anything but ids for good, without logging the payload", async () => {
    const smuggled = h.mint("openai", "valid", "smuggled");
    const queue = new Queue(QUEUES.stt, { connection: h.ns.redis.duplicate(), prefix: bullPrefix(h.ns.prefix) });
    try {
      const job = await queue.add("stt", { recordingId: "rec_x", userId: "u_1", apiKey: smuggled }, { attempts: 3 });
      let state = await job.getState();
      for (let i = 0; i < 2_000 && state !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        state = await job.getState();
      }
      const failed = await queue.getJob(job.id as string);
      expect(state).toBe("failed");
      expect(failed?.failedReason).toBe("invalid job payload");
      expect(failed?.attemptsMade).toBe(1);
      expect(h.logs.lines.some((l) => l.includes("invalid job payload"))).toBe(true);
      expect(findSecrets(h.logs.lines, [smuggled])).toEqual([]);
      expect(h.emu.calls()).toHaveLength(0);
      // The queue itself still holds what the producer wrote: this is why producers validate too.
      const dump = await dumpKeyspace(h.ns.redis, h.ns.prefix);
      expect(
        findSecrets(
          dump.map((d) => d.text),
          [smuggled],
        ),
      ).toEqual([smuggled]);
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  });

  it("fails for good when the recording does not exist or belongs to someone else", async () => {
    const owner = await h.user("free");
    const other = await h.user("free");
    const { recordingId } = await h.submit({ userId: owner });
    const queue = new Queue(QUEUES.stt, { connection: h.ns.redis.duplicate(), prefix: bullPrefix(h.ns.prefix) });
    try {
      const job = await queue.add("stt", { recordingId, userId: other, run: 1 }, { attempts: 3 });
      let state = await job.getState();
      for (let i = 0; i < 2_000 && state !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        state = await job.getState();
      }
      expect((await queue.getJob(job.id as string))?.failedReason).toBe("recording not found");
    } finally {
      await queue.close();
    }
  });
});
