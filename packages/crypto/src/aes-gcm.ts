import { createCipheriv, createDecipheriv, type KeyObject } from "node:crypto";

export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

/** AES-256-GCM: returns ciphertext followed by the 16-byte tag. */
export function sealAesGcm(
  key: KeyObject | Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([head, tail, cipher.getAuthTag()]);
}

/**
 * Opens ciphertext||tag. Anything shorter than a full tag is refused here, before the decipher
 * sees it: with a short tag GCM's forgery bound collapses.
 */
export function openAesGcm(key: KeyObject | Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer {
  if (iv.byteLength !== GCM_IV_BYTES) throw new RangeError("GCM IV must be 12 bytes");
  if (sealed.byteLength < GCM_TAG_BYTES) throw new RangeError("GCM input shorter than its tag");
  const split = sealed.byteLength - GCM_TAG_BYTES;
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(split));
  decipher.setAAD(aad);
  const head = decipher.update(sealed.subarray(0, split));
  const tail = decipher.final();
  return tail.byteLength === 0 ? head : Buffer.concat([head, tail]);
}
