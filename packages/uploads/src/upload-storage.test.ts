import { mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { newRecordingId } from "./recording-id";
import { UploadRejectedError, displayFileName, readUpload, removeUpload, storeUploadStream } from "./upload-storage";
import { removeOrphanUploads } from "./upload-sweep";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "rec-"));
  dirs.push(dir);
  return dir;
}

const WAV_HEAD = [82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69];
function chunks(...parts: number[][]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

describe("storeUploadStream", () => {
  it("streams under a generated name with owner-only permissions, typed by its magic bytes", async () => {
    const dir = await tempDir();
    const id = newRecordingId();
    // The magic bytes arrive split across chunks, as a network body may deliver them.
    const stored = await storeUploadStream({
      dir: path.join(dir, "nested"),
      recordingId: id,
      source: chunks(WAV_HEAD.slice(0, 5), WAV_HEAD.slice(5), [1, 2, 3]),
      maxBytes: 100,
    });
    expect(stored).toEqual({ storedPath: path.join(dir, "nested", `${id}.wav`), audioType: "wav", size: 15 });
    expect((await stat(stored.storedPath)).mode & 0o777).toBe(0o600);
    expect([...(await readUpload(stored.storedPath))]).toEqual([...WAV_HEAD, 1, 2, 3]);
    await expect(
      storeUploadStream({ dir: path.join(dir, "nested"), recordingId: id, source: chunks(WAV_HEAD), maxBytes: 100 }),
    ).resolves.toBeTruthy();
  });

  it.each([
    ["too_large", chunks(WAV_HEAD, new Array(100).fill(0))],
    ["unsupported", chunks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
    ["empty", chunks()],
  ])("rejects %s uploads and leaves no file behind", async (rejection, source) => {
    const dir = await tempDir();
    const err = await storeUploadStream({ dir, recordingId: newRecordingId(), source, maxBytes: 64 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UploadRejectedError);
    expect((err as UploadRejectedError).rejection).toBe(rejection);
    expect(await readdir(dir)).toEqual([]);
  });

  it("leaves no file behind when the body is aborted midway", async () => {
    const dir = await tempDir();
    const source = new Readable({ read() {} });
    source.push(Buffer.from(WAV_HEAD));
    const stored = storeUploadStream({ dir, recordingId: newRecordingId(), source, maxBytes: 1000 });
    setTimeout(() => source.destroy(new Error("client went away")), 10);
    await expect(stored).rejects.toThrow("client went away");
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses an id that is not a generated recording id", async () => {
    await expect(
      storeUploadStream({ dir: tmpdir(), recordingId: "../../x", source: chunks(WAV_HEAD), maxBytes: 100 }),
    ).rejects.toThrow(TypeError);
  });

  it("removes a file, and a missing one quietly", async () => {
    const dir = await tempDir();
    const stored = await storeUploadStream({
      dir,
      recordingId: newRecordingId(),
      source: chunks(WAV_HEAD),
      maxBytes: 100,
    });
    await removeUpload(stored.storedPath);
    await removeUpload(stored.storedPath);
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps only a clean display name", () => {
    expect(displayFileName("../../etc/passwd")).toBe("passwd");
    expect(displayFileName("C:\\x\\talk.mp3")).toBe("talk.mp3");
    expect(displayFileName("a\u0000b\nc.wav")).toBe("abc.wav");
    expect(displayFileName("")).toBe("recording");
  });
});

describe("removeOrphanUploads", () => {
  it("removes only old files whose recording is gone, partial or whole, and nothing else", async () => {
    const dir = await tempDir();
    const now = Date.now();
    const hourAgo = (now - 2 * 3_600_000) / 1000;
    const kept = newRecordingId();
    const orphan = newRecordingId();
    const partial = newRecordingId();
    const fresh = newRecordingId();
    for (const name of [`${kept}.wav`, `${orphan}.mp3`, `${partial}.part`, `${fresh}.wav`, "README.txt"]) {
      await writeFile(path.join(dir, name), "x");
      if (name !== `${fresh}.wav`) await utimes(path.join(dir, name), hourAgo, hourAgo);
    }
    const removed = await removeOrphanUploads({
      dir,
      olderThanMs: 3_600_000,
      now,
      existingIds: async (ids) => new Set(ids.filter((id) => id === kept)),
    });
    expect(removed.map((p) => path.basename(p)).sort()).toEqual([`${orphan}.mp3`, `${partial}.part`].sort());
    expect((await readdir(dir)).sort()).toEqual(["README.txt", `${fresh}.wav`, `${kept}.wav`].sort());
  });
});
