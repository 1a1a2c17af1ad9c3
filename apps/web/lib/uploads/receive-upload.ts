import { Readable } from "node:stream";
import { MAX_UPLOAD_BYTES } from "@byok/audio";
import { isByokRef } from "@byok/types";
import {
  type StoredUpload,
  UploadRejectedError,
  displayFileName,
  newRecordingId,
  removeUpload,
  storeUploadStream,
} from "@byok/uploads";
import busboy from "busboy";

/** FormData's multipart framing on top of the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export type UploadProblem =
  | "too_large"
  | "unsupported"
  | "empty"
  | "missing_file"
  | "bad_ref"
  | "unexpected_field"
  | "too_many_files"
  | "malformed"
  | "timeout";

export class UploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(`upload refused: ${problem}`);
    this.name = "UploadError";
  }
}

export interface ReceivedUpload extends StoredUpload {
  recordingId: string;
  fileName: string;
  byokRef: string | undefined;
}

const FIELDS = new Set(["file", "byokRef"]);

/**
 * Parses a multipart upload as it arrives and streams its one file to disk: the body is never held
 * in memory whole, an oversized file is cut off at the limit, and a body that stops arriving is cut
 * off after `idleTimeoutMs`. On any failure no file is left behind.
 */
export async function receiveUpload({
  body,
  contentType,
  dir,
  idleTimeoutMs,
}: {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  dir: string;
  /** A body that stops arriving for this long is cut off: a slow link keeps sending, a stuck one does not. */
  idleTimeoutMs: number;
}): Promise<ReceivedUpload> {
  const abort = new AbortController();
  const source = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  let idle: NodeJS.Timeout | undefined;
  let timedOut = false;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = true;
      abort.abort();
      source.destroy();
    }, idleTimeoutMs);
  };
  armIdle();
  source.on("data", armIdle);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { files: 1, fields: 2, parts: 3, fieldSize: 256, fileSize: MAX_UPLOAD_BYTES + 1 },
    });
  } catch {
    clearTimeout(idle);
    source.destroy();
    throw new UploadError("malformed");
  }

  const recordingId = newRecordingId();
  let byokRef: string | undefined;
  let fileName = "";
  let stored: Promise<StoredUpload> | undefined;
  let problem: UploadProblem | undefined;
  const refuse = (p: UploadProblem) => {
    problem ??= p;
    abort.abort();
  };

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => {
      if (!FIELDS.has(name)) return refuse("unexpected_field");
      if (name === "byokRef" && value !== "") {
        if (!isByokRef(value)) return refuse("bad_ref");
        byokRef = value;
      }
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || stored) {
        stream.resume();
        return refuse(name !== "file" ? "unexpected_field" : "too_many_files");
      }
      fileName = displayFileName(info.filename ?? "");
      stored = storeUploadStream({
        dir,
        recordingId,
        source: stream,
        maxBytes: MAX_UPLOAD_BYTES,
        signal: abort.signal,
      });
      // A refused file (too large, not audio) ends the whole request at once.
      stored.catch((err: unknown) => refuse(err instanceof UploadRejectedError ? err.rejection : "malformed"));
    });
    parser.on("filesLimit", () => refuse("too_many_files"));
    parser.on("fieldsLimit", () => refuse("unexpected_field"));
    parser.on("partsLimit", () => refuse("unexpected_field"));
    parser.on("error", () => reject(new UploadError("malformed")));
    parser.on("close", () => resolve());
  });

  try {
    source.pipe(parser);
    await Promise.race([
      parsed,
      new Promise<never>((_, reject) =>
        source.once("error", () => reject(new UploadError(timedOut ? "timeout" : "malformed"))),
      ),
      new Promise<never>((_, reject) =>
        abort.signal.addEventListener("abort", () => reject(new UploadError(problem ?? "timeout")), { once: true }),
      ),
    ]);
    if (!stored) throw new UploadError("missing_file");
    const file = await stored;
    return { ...file, recordingId, fileName, byokRef };
  } catch (err) {
    abort.abort();
    source.destroy();
    // A file finished before the refusal (a bad field after it) must not stay behind.
    const finished = await stored?.catch(() => undefined);
    if (finished) await removeUpload(finished.storedPath);
    if (err instanceof UploadError) throw err;
    if (err instanceof UploadRejectedError) throw new UploadError(err.rejection);
    if (timedOut) throw new UploadError("timeout");
    throw new UploadError(problem ?? "malformed");
  } finally {
    clearTimeout(idle);
  }
}
