import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AudioType } from "./audio-sniff";
import { recordingIdSchema } from "./job-schema";

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * Stored names come from the generated recording id and the sniffed type, never from the client's
 * file name, so an upload cannot pick its own path. The absolute path is kept because the web app and
 * the worker run from different working directories.
 */
export async function storeUpload({
  dir,
  recordingId,
  audioType,
  data,
}: {
  dir: string;
  recordingId: string;
  audioType: AudioType;
  data: Uint8Array;
}): Promise<string> {
  recordingIdSchema.parse(recordingId);
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  // The directory is runtime configuration, not part of the app: keep Next's file tracing out of it.
  const storedPath = path.join(/*turbopackIgnore: true*/ root, `${recordingId}.${audioType}`);
  await writeFile(storedPath, data, { flag: "wx", mode: 0o600 });
  return storedPath;
}

export async function readUpload(storedPath: string): Promise<Uint8Array> {
  // A view over the Buffer readFile returned: no second copy of an upload of up to 25 MB.
  const bytes = await readFile(storedPath);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Keeps the client's name for display only: no path parts, no control characters, bounded. */
export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "recording";
}
