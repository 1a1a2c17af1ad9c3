import type { FailureReason } from "./failure-reasons";
import type { Provider } from "./providers";

export const KEY_SOURCES = ["byok", "server"] as const;
export type KeySource = (typeof KEY_SOURCES)[number];

export const BYOK_POLICIES = ["fallback", "byok_only"] as const;
export type ByokPolicy = (typeof BYOK_POLICIES)[number];

/** Seconds a cached BYOK entry lives in Redis (5 minutes). The one TTL constant. */
export const BYOK_CACHE_TTL_SECONDS = 300;

/** Opaque reference to a cached set of keys: 32 random bytes, base64url. */
export const BYOK_REF_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export type ByokRef = string;

/** A reference's test without zod: the workers check one on every job, and browsers need no zod. */
export function isByokRef(value: unknown): value is ByokRef {
  return typeof value === "string" && BYOK_REF_PATTERN.test(value);
}

export const BYOK_HEADER = "x-byok-key";
export const BYOK_HEADER_MAX_BYTES = 4096;

/** Which key paid for one provider call, and why if it was not the user's. */
export interface Attribution {
  provider: Provider;
  model: string;
  tier: number;
  keySource: KeySource;
  fallbackReason: FailureReason | null;
}
