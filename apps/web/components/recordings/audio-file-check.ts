import { MAX_UPLOAD_BYTES } from "@byok/audio";

/** The server's own limit (@byok/audio), checked here so people get the answer before the upload, not after. */
export const MAX_RECORDING_BYTES = MAX_UPLOAD_BYTES;

const EXTENSIONS = ["wav", "mp3", "m4a", "mp4", "webm", "ogg", "oga", "flac"] as const;
export const ACCEPT_ATTRIBUTE = ".wav,.mp3,.m4a,.mp4,.webm,.ogg,.oga,.flac,audio/*";

export type FileProblem = { kind: "empty" | "too_large" | "wrong_type"; message: string };

export function checkAudioFile(file: { name: string; size: number; type: string }): FileProblem | null {
  if (file.size === 0) return { kind: "empty", message: `“${file.name}” is empty.` };
  if (file.size > MAX_RECORDING_BYTES) {
    return {
      kind: "too_large",
      message: `“${file.name}” is ${formatMegabytes(file.size)}. Recordings can be at most ${MAX_RECORDING_BYTES / (1024 * 1024)} MB.`,
    };
  }
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const audioMime = file.type.startsWith("audio/") || file.type === "video/mp4" || file.type === "video/webm";
  if (!(EXTENSIONS as readonly string[]).includes(extension) && !audioMime) {
    return {
      kind: "wrong_type",
      message: `“${file.name}” is not an audio file we can read. Use WAV, MP3, M4A, WebM, OGG or FLAC.`,
    };
  }
  return null;
}

/** Rounded up, so a file just over the limit never reads as exactly the limit. */
export function formatMegabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}
