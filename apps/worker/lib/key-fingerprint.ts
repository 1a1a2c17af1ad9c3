import { createHash } from "node:crypto";

/** sha256 hex, first 16 characters: names a key in logs without revealing it (same as the emulator's). */
export function keyFingerprint(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16);
}
