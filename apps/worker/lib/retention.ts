import type { RecordingRepository } from "@byok/db";
import { removeOrphanUploads, removeUpload } from "@byok/uploads";
import type { Log } from "./worker-context";

export interface RetentionConfig {
  dir: string;
  /** Files of recordings older than this go; the recording, transcript and analysis stay. */
  retentionMs: number;
  /** Files with no recording go once they are this old (an abandoned or failed upload). */
  orphanAgeMs: number;
}

export interface RetentionReport {
  expired: number;
  orphans: number;
}

/** Deletes what the retention rules say is no longer ours to keep, and nothing else. */
export async function sweepUploads(
  recordings: RecordingRepository,
  config: RetentionConfig,
  log: Log,
): Promise<RetentionReport> {
  let expired = 0;
  const cutoff = new Date(Date.now() - config.retentionMs);
  for (;;) {
    const batch = await recordings.filesCreatedBefore(cutoff);
    if (batch.length === 0) break;
    for (const { id, storedPath } of batch) {
      await removeUpload(storedPath);
      await recordings.forgetFile(id);
      expired++;
    }
  }
  const orphans = await removeOrphanUploads({
    dir: config.dir,
    olderThanMs: config.orphanAgeMs,
    existingIds: (ids) => recordings.existingIds(ids),
  });
  if (expired || orphans.length) log.info({ expired, orphans: orphans.length }, "upload retention swept");
  return { expired, orphans: orphans.length };
}
