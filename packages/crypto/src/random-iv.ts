import { randomBytes } from "node:crypto";
import { GCM_IV_BYTES } from "./aes-gcm";

// One CSPRNG call per 256 IVs instead of one per token: the call's fixed cost was a third of a
// token round trip (measured with --cpu-prof). Same idea as crypto.randomUUID's entropy cache.
// A pool is never refilled in place, so an IV handed out is never overwritten or handed out twice.
const IVS_PER_POOL = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh random 96-bit GCM IV. */
export function randomIv(): Buffer {
  if (offset + GCM_IV_BYTES > pool.byteLength) {
    pool = randomBytes(GCM_IV_BYTES * IVS_PER_POOL);
    offset = 0;
  }
  const iv = pool.subarray(offset, offset + GCM_IV_BYTES);
  offset += GCM_IV_BYTES;
  return iv;
}
