import { MAX_UPLOAD_BYTES } from "@byok/audio";
import { removeUpload } from "@byok/uploads";
import { getServices } from "~/lib/server/services";
import { requestIdFrom } from "~/lib/server/request-id";
import { readSession } from "~/lib/session/session";
import { checkMutationRequest } from "~/lib/trpc/csrf";
import { toRecordingView } from "~/lib/trpc/routers/recordings/recording-view";
import { MULTIPART_OVERHEAD_BYTES, UploadError, receiveUpload } from "~/lib/uploads/receive-upload";
import { TOO_LARGE_MESSAGE, UPLOAD_PROBLEMS, uploadError } from "~/lib/uploads/upload-response";

export const dynamic = "force-dynamic";

const UNKNOWN_REF_MESSAGE = "Your cached keys were not found or have expired. Cache your keys again and retry.";

/**
 * POST /api/recordings (multipart/form-data: `byokRef`, then `file`). Streams the file to disk,
 * stores the recording, and hands its run to the queue. A recording that is stored but could not be
 * queued is still created: the worker's reconciler queues it (docs/architecture.md, Recordings).
 */
export async function POST(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const services = getServices();
  const { env, recordings, dispatcher, byokCache } = services;
  const session = await readSession(services.auth, req.headers);
  if (!session) return uploadError("UNAUTHORIZED", "Sign in to upload recordings.", requestId);
  const log = services.logger.child({ requestId, userId: session.userId, path: "recordings.upload" });

  const csrf = checkMutationRequest(req.headers, "form-data");
  if (!csrf.ok)
    return uploadError(req.headers.get("origin") ? "UNSUPPORTED_MEDIA_TYPE" : "FORBIDDEN", csrf.message, requestId);
  // Refused before a byte of the body is read.
  if (Number(req.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) {
    return uploadError("PAYLOAD_TOO_LARGE", TOO_LARGE_MESSAGE, requestId);
  }
  if (!req.body) return uploadError("BAD_REQUEST", UPLOAD_PROBLEMS.missing_file.message, requestId);

  let upload;
  try {
    upload = await receiveUpload({
      body: req.body,
      contentType: req.headers.get("content-type") ?? "",
      dir: env.RECORDINGS_DIR,
      idleTimeoutMs: env.UPLOAD_IDLE_TIMEOUT_MS,
    });
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    const problem = UPLOAD_PROBLEMS[err.problem];
    log.info({ problem: err.problem }, "upload refused");
    return uploadError(problem.code, problem.message, requestId);
  }

  // A reference lives under its owner's id, so another user's reference is simply not found.
  if (upload.byokRef && !(await byokCache.peek(session.userId, upload.byokRef))) {
    await removeUpload(upload.storedPath);
    // 404 like any other reference that is not yours: expired, cleared and foreign look the same.
    return uploadError("NOT_FOUND", UNKNOWN_REF_MESSAGE, requestId);
  }
  let record;
  try {
    record = await recordings.create({
      id: upload.recordingId,
      userId: session.userId,
      fileName: upload.fileName,
      audioType: upload.audioType,
      size: upload.size,
      storedPath: upload.storedPath,
      byokRef: upload.byokRef,
    });
  } catch (err) {
    await removeUpload(upload.storedPath);
    log.error({ errorName: err instanceof Error ? err.name : "unknown" }, "recording not stored");
    return uploadError("SERVICE_UNAVAILABLE", "The recording could not be saved. Try again in a moment.", requestId);
  }
  try {
    await dispatcher.dispatch(record);
  } catch (err) {
    // Stored is enough: the reconciler relays it once the queue answers again.
    log.warn(
      { recordingId: record.id, errorName: err instanceof Error ? err.name : "unknown" },
      "recording stored but not yet queued",
    );
  }
  log.info(
    { recordingId: record.id, audioType: record.audioType, size: record.size, byok: Boolean(upload.byokRef) },
    "recording queued",
  );
  return Response.json(
    { recording: toRecordingView(record) },
    { status: 201, headers: { "cache-control": "no-store", "x-request-id": requestId } },
  );
}
