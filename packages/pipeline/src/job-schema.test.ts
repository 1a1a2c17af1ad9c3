import { newRecordingId } from "@byok/uploads";
import { describe, expect, it } from "vitest";
import { pipelineJobSchema } from "./job-schema";

const ref = "A".repeat(43);

describe("pipelineJobSchema", () => {
  it("accepts ids, a run and an optional reference", () => {
    const recordingId = newRecordingId();
    expect(pipelineJobSchema.parse({ recordingId, userId: "u_1", run: 1 })).toEqual({
      recordingId,
      userId: "u_1",
      run: 1,
    });
    expect(pipelineJobSchema.parse({ recordingId, userId: "u_1", run: 2, byokRef: ref }).byokRef).toBe(ref);
  });

  it("rejects any extra field, so a key can never ride along", () => {
    const r = pipelineJobSchema.safeParse({ recordingId: newRecordingId(), userId: "u_1", run: 1, apiKey: "x" });
    expect(r.success).toBe(false);
  });

  it("rejects malformed ids, runs and references", () => {
    expect(pipelineJobSchema.safeParse({ recordingId: "../etc/passwd", userId: "u_1", run: 1 }).success).toBe(false);
    expect(
      pipelineJobSchema.safeParse({ recordingId: newRecordingId(), userId: "u_1", run: 1, byokRef: "short" }).success,
    ).toBe(false);
    expect(pipelineJobSchema.safeParse({ recordingId: newRecordingId(), userId: "", run: 1 }).success).toBe(false);
    expect(pipelineJobSchema.safeParse({ recordingId: newRecordingId(), userId: "u_1", run: 0 }).success).toBe(false);
  });
});
