import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newRecordingId } from "./recording-id";
import { displayFileName, readUpload, storeUpload } from "./upload-storage";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("upload storage", () => {
  it("stores under a generated name with owner-only permissions and reads it back", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "rec-"));
    dirs.push(dir);
    const id = newRecordingId();
    const stored = await storeUpload({ dir: path.join(dir, "nested"), recordingId: id, audioType: "wav", data: new Uint8Array([1, 2, 3]) });
    expect(stored).toBe(path.join(dir, "nested", `${id}.wav`));
    expect((await stat(stored)).mode & 0o777).toBe(0o600);
    expect([...(await readUpload(stored))]).toEqual([1, 2, 3]);
    await expect(storeUpload({ dir: path.join(dir, "nested"), recordingId: id, audioType: "wav", data: new Uint8Array([9]) })).rejects.toThrow();
    expect(await readdir(path.join(dir, "nested"))).toEqual([`${id}.wav`]);
  });

  it("refuses an id that is not a generated recording id", async () => {
    await expect(storeUpload({ dir: tmpdir(), recordingId: "../../x", audioType: "wav", data: new Uint8Array() })).rejects.toThrow();
  });

  it("keeps only a clean display name", () => {
    expect(displayFileName("../../etc/passwd")).toBe("passwd");
    expect(displayFileName("C:\\x\\talk.mp3")).toBe("talk.mp3");
    expect(displayFileName("a\u0000b\nc.wav")).toBe("abc.wav");
    expect(displayFileName("")).toBe("recording");
  });
});
