/**
 * base64url (RFC 4648 §5) without padding, strict: `fromBase64url` accepts only the one spelling
 * `toBase64url` produces for the decoded bytes, and answers null for anything else (padding, the
 * standard alphabet, whitespace, a length of 4n+1, non-zero trailing bits). A token or a header
 * therefore has exactly one accepted form (docs/decisions.md, "Encodings").
 *
 * Runs in browsers and in Node: the X-BYOK-Key header and the vault are encoded in the browser.
 */

type Bytes = Uint8Array<ArrayBuffer>;

interface NodeBuffer extends Uint8Array<ArrayBuffer> {
  toString(encoding?: "base64url"): string;
}
interface NodeBufferCodec {
  from(text: string, encoding: "base64url"): NodeBuffer;
  from(buffer: ArrayBuffer, byteOffset: number, length: number): NodeBuffer;
}

// Node's codec is native and about ten times faster than any JavaScript one, and the token cipher
// decodes on every BYOK cache read; browsers have no Buffer and use atob/btoa. Both are held to
// the same rule below, so they accept exactly the same texts.
const nodeBuffer = (globalThis as { Buffer?: NodeBufferCodec }).Buffer;

export function toBase64url(bytes: Uint8Array): string {
  if (nodeBuffer)
    return nodeBuffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeLoosely(text: string): Bytes | null {
  if (nodeBuffer) {
    const buffer = nodeBuffer.from(text, "base64url");
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes of a canonical unpadded base64url text; null for any other text. */
export function fromBase64url(text: string): Bytes | null {
  if (typeof text !== "string") return null;
  // Both decoders skip or tolerate what the rule forbids; re-encoding is the exact check.
  const bytes = decodeLoosely(text);
  return bytes !== null && toBase64url(bytes) === text ? bytes : null;
}
