import { createHash } from "node:crypto";

/**
 * sha256 hex, first 16 characters: names a key in logs and call records without revealing it. One
 * definition, so the worker's logged fingerprints and the emulator's call log can be compared.
 */
export function keyFingerprint(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, 16);
}
