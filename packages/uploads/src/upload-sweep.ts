import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { isRecordingId } from "./recording-id";

export interface UploadFile {
  recordingId: string;
  path: string;
  modifiedAt: number;
}

/** Every file in the uploads directory that is named after a recording id (stored or partial). */
export async function listUploadFiles(dir: string): Promise<UploadFile[]> {
  const root = path.resolve(dir);
  let names: string[];
  try {
    names = await readdir(/*turbopackIgnore: true*/ root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const files: UploadFile[] = [];
  for (const name of names) {
    const recordingId = name.split(".")[0] ?? "";
    if (!isRecordingId(recordingId)) continue;
    const file = path.join(/*turbopackIgnore: true*/ root, name);
    try {
      files.push({ recordingId, path: file, modifiedAt: (await stat(file)).mtimeMs });
    } catch {
      // removed meanwhile
    }
  }
  return files;
}

/**
 * Deletes files older than `olderThanMs` whose recording no longer exists. The age guard keeps an
 * upload that is being written, or whose row is about to be committed, out of reach.
 */
export async function removeOrphanUploads({
  dir,
  olderThanMs,
  existingIds,
  now = Date.now(),
}: {
  dir: string;
  olderThanMs: number;
  existingIds(ids: string[]): Promise<Set<string>>;
  now?: number;
}): Promise<string[]> {
  const old = (await listUploadFiles(dir)).filter((f) => now - f.modifiedAt > olderThanMs);
  if (old.length === 0) return [];
  const alive = await existingIds([...new Set(old.map((f) => f.recordingId))]);
  const removed: string[] = [];
  for (const file of old) {
    if (alive.has(file.recordingId)) continue;
    await rm(file.path, { force: true });
    removed.push(file.path);
  }
  return removed;
}
