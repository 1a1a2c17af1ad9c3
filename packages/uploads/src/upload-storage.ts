import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type AudioType, sniffAudioType } from "@byok/audio";
import { isRecordingId } from "./recording-id";

/** Bytes the type check looks at: magic numbers and the MP4 brand list sit within the first 64. */
const SNIFF_BYTES = 64;
/** An upload still being written; never read by the worker, and swept when abandoned. */
export const PARTIAL_SUFFIX = ".part";

export type UploadRejection = "too_large" | "unsupported" | "empty";

export class UploadRejectedError extends Error {
  constructor(readonly rejection: UploadRejection) {
    super(`upload rejected: ${rejection}`);
    this.name = "UploadRejectedError";
  }
}

export interface StoredUpload {
  storedPath: string;
  audioType: AudioType;
  size: number;
}

function checkId(recordingId: string): void {
  if (!isRecordingId(recordingId)) throw new TypeError("not a recording id");
}

/**
 * Counts and sniffs the bytes on their way to disk, so the body is never held in memory whole and
 * an oversized upload is cut off the moment it crosses the limit.
 */
function meter(maxBytes: number) {
  let size = 0;
  let head = Buffer.alloc(0);
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.byteLength;
      if (size > maxBytes) return done(new UploadRejectedError("too_large"));
      if (head.byteLength < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.byteLength)]);
      done(null, chunk);
    },
  });
  return { transform, size: () => size, head: () => new Uint8Array(head) };
}

/**
 * Streams an upload to `<dir>/<recordingId>.<type>`. The stored name comes from the generated id and
 * the sniffed type, never from the client's file name, so an upload cannot pick its own path; the
 * type comes from magic bytes, never from the declared MIME type. A failed or aborted upload leaves
 * no file behind.
 */
export async function storeUploadStream({
  dir,
  recordingId,
  source,
  maxBytes,
  signal,
}: {
  dir: string;
  recordingId: string;
  source: Readable;
  maxBytes: number;
  signal?: AbortSignal;
}): Promise<StoredUpload> {
  checkId(recordingId);
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  // The directory is runtime configuration, not part of the app: keep Next's file tracing out of it.
  const partial = path.join(/*turbopackIgnore: true*/ root, `${recordingId}${PARTIAL_SUFFIX}`);
  const counter = meter(maxBytes);
  try {
    await pipeline(
      source,
      counter.transform,
      createWriteStream(partial, { flags: "wx", mode: 0o600 }),
      signal ? { signal } : {},
    );
    if (counter.size() === 0) throw new UploadRejectedError("empty");
    const audioType = sniffAudioType(counter.head());
    if (!audioType) throw new UploadRejectedError("unsupported");
    const storedPath = path.join(/*turbopackIgnore: true*/ root, `${recordingId}.${audioType}`);
    await rename(partial, storedPath);
    return { storedPath, audioType, size: counter.size() };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

export async function readUpload(storedPath: string): Promise<Uint8Array> {
  // A view over the Buffer readFile returned: no second copy of an upload of up to 25 MB.
  const bytes = await readFile(storedPath);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Removes a stored upload; one that is already gone is not an error. */
export async function removeUpload(storedPath: string): Promise<void> {
  await rm(storedPath, { force: true });
}

/** Keeps the client's name for display only: no path parts, no control characters, bounded. */
export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const controlCharacters = /[\u0000-\u001f\u007f]/g;
  const clean = base.replace(controlCharacters, "").trim().slice(0, 200);
  return clean || "recording";
}
