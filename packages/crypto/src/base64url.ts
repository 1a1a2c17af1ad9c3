const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/**
 * Strict decoding: Node's decoder skips bad characters and ignores stray trailing bits, so one
 * token could have many spellings. Only the canonical unpadded spelling is accepted: the
 * trailing bits of a partial last group must be zero.
 */
export function fromBase64urlStrict(text: string): Buffer | null {
  const leftover = text.length % 4;
  if (leftover === 1 || !BASE64URL.test(text)) return null;
  if (leftover !== 0) {
    const unusedBits = leftover === 2 ? 0b1111 : 0b11;
    if ((ALPHABET.indexOf(text.charAt(text.length - 1)) & unusedBits) !== 0) return null;
  }
  return Buffer.from(text, "base64url");
}
