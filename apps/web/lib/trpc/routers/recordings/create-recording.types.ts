import { AUDIO_TYPES, MAX_UPLOAD_BYTES } from "@byok/pipeline";

export const UNSUPPORTED_AUDIO_MESSAGE = `This is not an audio file we support (${AUDIO_TYPES.join(", ")}).`;
export const TOO_LARGE_MESSAGE = `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`;
export const MISSING_FILE_MESSAGE = "Attach the recording as a file in the `file` field.";
export const BAD_REF_MESSAGE = "byokRef is not a BYOK reference.";
export const UNKNOWN_REF_MESSAGE = "Your cached keys were not found or have expired. Cache your keys again and retry.";
/** FormData's multipart framing on top of the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const ALLOWED_FIELDS = new Set(["file", "byokRef"]);
