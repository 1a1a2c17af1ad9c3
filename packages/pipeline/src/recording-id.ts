import { randomBytes } from "node:crypto";

export function newRecordingId(): string {
  return `rec_${randomBytes(16).toString("hex")}`;
}
