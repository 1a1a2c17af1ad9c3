export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/**
 * Strict decoding: Node's decoder skips bad characters, accepts the standard alphabet and padding,
 * and ignores stray trailing bits, so one token could have many spellings. Only the canonical
 * unpadded spelling is accepted, checked by re-encoding: cheaper than a regex over the whole text
 * on the cache's hot path, and exact by construction.
 */
export function fromBase64urlStrict(text: string): Buffer | null {
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : null;
}
