import { randomBytes } from "node:crypto";

export const RECORDING_ID_PATTERN = /^rec_[a-f0-9]{32}$/;

export function newRecordingId(): string {
  return `rec_${randomBytes(16).toString("hex")}`;
}

export function isRecordingId(value: unknown): value is string {
  return typeof value === "string" && RECORDING_ID_PATTERN.test(value);
}
