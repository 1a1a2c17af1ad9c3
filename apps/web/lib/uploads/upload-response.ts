import type { UploadProblem } from "~/lib/uploads/receive-upload";
import { MAX_UPLOAD_BYTES, AUDIO_TYPES } from "@byok/audio";

type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "TIMEOUT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "SERVICE_UNAVAILABLE";

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVICE_UNAVAILABLE: 503,
};

export const TOO_LARGE_MESSAGE = `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`;

export const UPLOAD_PROBLEMS: Record<UploadProblem, { code: ErrorCode; message: string }> = {
  too_large: { code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE_MESSAGE },
  unsupported: { code: "BAD_REQUEST", message: `This is not an audio file we support (${AUDIO_TYPES.join(", ")}).` },
  empty: { code: "BAD_REQUEST", message: "The file is empty." },
  missing_file: { code: "BAD_REQUEST", message: "Attach the recording as a file in the `file` field." },
  bad_ref: { code: "BAD_REQUEST", message: "byokRef is not a BYOK reference." },
  unexpected_field: { code: "BAD_REQUEST", message: "Send only the fields `file` and `byokRef`." },
  too_many_files: { code: "BAD_REQUEST", message: "Send one file per upload." },
  malformed: { code: "BAD_REQUEST", message: "The upload is not a well-formed multipart/form-data body." },
  timeout: { code: "TIMEOUT", message: "The upload stopped arriving, so it was cancelled. Try again." },
};

/**
 * The same body shape as the tRPC API's errors, so one client function reads both. Messages are
 * our own fixed texts: nothing the client sent is echoed. The connection closes with the answer:
 * the rest of a refused body is not worth reading, and a stuck sender must not hold the socket.
 */
export function uploadError(code: ErrorCode, message: string, requestId: string): Response {
  return Response.json(
    { error: { message, data: { code, httpStatus: HTTP_STATUS[code], requestId } } },
    {
      status: HTTP_STATUS[code],
      headers: { "cache-control": "no-store", "x-request-id": requestId, connection: "close" },
    },
  );
}
