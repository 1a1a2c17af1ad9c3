import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { newRecordingId } from "@byok/uploads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepUploads } from "../lib/retention";
import { createHarness, type Harness } from "./helpers/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness("worker-retention");
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;

describe("upload retention (real PostgreSQL, real files)", () => {
  it("deletes the files of old recordings and orphan files older than an hour, and nothing else", async () => {
    const userId = await h.user("pro");
    const [oldId, youngId] = [newRecordingId(), newRecordingId()];
    const oldDone = await h.recordings.create({
      id: oldId,
      userId,
      fileName: "old.wav",
      audioType: "wav",
      size: 44,
      storedPath: await h.storeWav(oldId),
    });
    const young = await h.recordings.create({
      id: youngId,
      userId,
      fileName: "young.wav",
      audioType: "wav",
      size: 44,
      storedPath: await h.storeWav(youngId),
    });
    await h.recordings.completeStage({ id: oldDone.id, run: 1 }, "stt", {
      attribution: { provider: "openai", model: "whisper-1", tier: 0, keySource: "server", fallbackReason: null },
      transcript: "kept after the file goes",
      final: false,
    });
    // 31 days old, by the database's own clock.
    await h.pg.pool.query("update recordings set created_at = now() - interval '31 days' where id = $1", [oldDone.id]);

    const oldOrphan = path.join(h.dir, `${newRecordingId()}.mp3`);
    const freshOrphan = path.join(h.dir, `${newRecordingId()}.part`);
    const stranger = path.join(h.dir, "notes.txt");
    for (const file of [oldOrphan, freshOrphan, stranger]) await writeFile(file, "x");
    const twoHoursAgo = (Date.now() - 2 * 3_600_000) / 1000;
    await utimes(oldOrphan, twoHoursAgo, twoHoursAgo);
    await utimes(stranger, twoHoursAgo, twoHoursAgo);

    const report = await sweepUploads(
      h.recordings,
      { dir: h.dir, retentionMs: 30 * DAY, orphanAgeMs: 3_600_000 },
      h.context().logger,
    );
    expect(report).toEqual({ expired: 1, orphans: 1 });
    const left = await readdir(h.dir);
    expect(left).not.toContain(path.basename(oldDone.storedPath!));
    expect(left).not.toContain(path.basename(oldOrphan));
    expect(left).toEqual(
      expect.arrayContaining([path.basename(young.storedPath!), path.basename(freshOrphan), "notes.txt"]),
    );
    const kept = await h.recordings.get(oldDone.id);
    expect(kept).toMatchObject({ storedPath: null, transcript: "kept after the file goes" });
    expect((await h.recordings.get(young.id))?.storedPath).toBe(young.storedPath);

    // A second sweep finds nothing more to do.
    expect(
      await sweepUploads(
        h.recordings,
        { dir: h.dir, retentionMs: 30 * DAY, orphanAgeMs: 3_600_000 },
        h.context().logger,
      ),
    ).toEqual({ expired: 0, orphans: 0 });
  });
});
