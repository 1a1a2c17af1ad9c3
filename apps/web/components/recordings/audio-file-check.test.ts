import { describe, expect, it } from "vitest";
import { MAX_RECORDING_BYTES, checkAudioFile } from "~/components/recordings/audio-file-check";

describe("checkAudioFile", () => {
  it("accepts audio by extension or by MIME type", () => {
    expect(checkAudioFile({ name: "call.wav", size: 1000, type: "" })).toBeNull();
    expect(checkAudioFile({ name: "memo", size: 1000, type: "audio/ogg" })).toBeNull();
    expect(checkAudioFile({ name: "clip.M4A", size: 1000, type: "" })).toBeNull();
  });

  it("refuses files over 25 MB with the size in the message", () => {
    const problem = checkAudioFile({ name: "long.wav", size: MAX_RECORDING_BYTES + 1, type: "audio/wav" });
    expect(problem?.kind).toBe("too_large");
    expect(problem?.message).toBe("“long.wav” is 25.1 MB. Recordings can be at most 25 MB.");
    expect(checkAudioFile({ name: "edge.wav", size: MAX_RECORDING_BYTES, type: "audio/wav" })).toBeNull();
  });

  it("refuses non-audio and empty files", () => {
    expect(checkAudioFile({ name: "notes.pdf", size: 10, type: "application/pdf" })?.kind).toBe("wrong_type");
    expect(checkAudioFile({ name: "a.wav", size: 0, type: "audio/wav" })?.kind).toBe("empty");
  });
});
