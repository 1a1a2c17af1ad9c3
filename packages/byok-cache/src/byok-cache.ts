import { randomBytes } from "node:crypto";
import type { TokenCipher } from "@byok/crypto";
import { BYOK_CACHE_TTL_SECONDS, isByokRef, type Provider } from "@byok/types";
import type { Redis } from "ioredis";
import { assertUserId, isUserId, parseProviderList, readEntryPayload, toPayload, type ByokKeys } from "./entry";
import { ByokCacheError } from "./errors";
import { writeEntryOnce } from "./write-entry";

export const DEFAULT_PREFIX = "byok:";
const REF_BYTES = 32;

export interface ByokCacheOptions {
  redis: Redis;
  cipher: TokenCipher;
  /** BYOK_REDIS_PREFIX; entries live at `<prefix>cache:<userId>:<ref>`. */
  prefix?: string;
  /** Live entries one user may have; a new one past it is refused (default 10). */
  maxEntriesPerUser?: number;
  /** A new entry's lifetime (default BYOK_CACHE_TTL_SECONDS, 5 minutes); tests shorten it. */
  ttlSeconds?: number;
}

export const DEFAULT_MAX_ENTRIES_PER_USER = 10;

export interface ByokCache {
  /** Throws ByokCacheError TOO_MANY_ENTRIES when the user already has the most live entries allowed. */
  put(userId: string, keys: ByokKeys): Promise<{ ref: string; expiresAt: number; providers: Provider[] }>;
  /** null: missing, expired, or unreadable (an unreadable entry is deleted). */
  get(userId: string, ref: string): Promise<ByokKeys | null>;
  /** Providers and time left, without decrypting. */
  peek(userId: string, ref: string): Promise<{ providers: Provider[]; ttlSeconds: number } | null>;
  clear(userId: string, ref: string): Promise<boolean>;
  /**
   * Keeps a live entry for `ttlMs` more from now (never shortens it), and its place in the user's
   * index with it; false when the entry is gone. A recording waiting in a queue keeps its keys so.
   */
  extend(userId: string, ref: string, ttlMs: number): Promise<boolean>;
  /**
   * The entry's Redis key, for a caller that deletes it inside its own atomic write (the last
   * pipeline stage does, with its final save); null for a lookup that could name no entry.
   */
  entryKey(userId: string, ref: string): string | null;
}

// Only ever lengthens: a shorter TTL than the entry has left would cut short what the web app gave it.
// The index's score is the entry's expiry, so the cap on live entries per user sees the new one.
const EXTEND_LUA = `
local left = redis.call('PTTL', KEYS[1])
if left < 0 then return 0 end
local ttl = tonumber(ARGV[1])
if ttl > left then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('ZADD', KEYS[2], 'XX', tonumber(ARGV[2]) + ttl, ARGV[3])
  if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
end
return 1`;

interface ExtendClient extends Redis {
  byokExtendEntry(entryKey: string, indexKey: string, ...args: (string | number)[]): Promise<number>;
}

const extendDefined = new WeakSet<Redis>();

function withExtendScript(redis: Redis): ExtendClient {
  if (!extendDefined.has(redis)) {
    redis.defineCommand("byokExtendEntry", { numberOfKeys: 2, lua: EXTEND_LUA });
    extendDefined.add(redis);
  }
  return redis as ExtendClient;
}

/** Binds a token to its user and reference: moved to another key, it no longer decrypts. */
export function entryAad(userId: string, ref: string): string {
  return `byok-cache:v1:${userId}:${ref}`;
}

export function createByokCache({
  redis,
  cipher,
  prefix = DEFAULT_PREFIX,
  maxEntriesPerUser = DEFAULT_MAX_ENTRIES_PER_USER,
  ttlSeconds = BYOK_CACHE_TTL_SECONDS,
}: ByokCacheOptions): ByokCache {
  const entryPrefix = (userId: string) => `${prefix}cache:${userId}:`;
  const keyOf = (userId: string, ref: string) => `${entryPrefix(userId)}${ref}`;
  const indexOf = (userId: string) => `${prefix}cache-index:${userId}`;
  const validLookup = (userId: unknown, ref: unknown) => isUserId(userId) && isByokRef(ref);

  return {
    async put(userId, keys) {
      assertUserId(userId);
      const payload = toPayload(keys);
      const json = JSON.stringify(payload);
      // 256-bit refs do not collide; the retry only keeps NX honest if one ever did.
      for (let attempt = 0; attempt < 3; attempt++) {
        const ref = randomBytes(REF_BYTES).toString("base64url");
        const token = cipher.encrypt(json, entryAad(userId, ref));
        const startedAt = Date.now();
        const { written, full } = await writeEntryOnce(
          redis,
          { token, providers: payload.providers },
          {
            entryPrefix: entryPrefix(userId),
            ref,
            indexKey: indexOf(userId),
            ttlSeconds,
            maxEntries: maxEntriesPerUser,
          },
        );
        if (written) return { ref, expiresAt: startedAt + ttlSeconds * 1000, providers: payload.providers };
        if (full) {
          throw new ByokCacheError(
            "TOO_MANY_ENTRIES",
            `${maxEntriesPerUser} of your recordings are already waiting to run on your keys, the most at once. ` +
              "Start this one when one of them has finished.",
          );
        }
      }
      throw new ByokCacheError("REF_COLLISION", "Could not allocate a fresh BYOK reference.");
    },

    async get(userId, ref) {
      if (!validLookup(userId, ref)) return null;
      const key = keyOf(userId, ref);
      const token = await redis.hget(key, "t");
      if (token === null) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(cipher.decrypt(token, entryAad(userId, ref)));
      } catch {
        // Tampered, moved from another user or ref, or under a secret no longer held: unusable.
        await redis.del(key);
        return null;
      }
      const keys = readEntryPayload(payload);
      if (keys === null) {
        await redis.del(key);
        return null;
      }
      return keys;
    },

    async peek(userId, ref) {
      if (!validLookup(userId, ref)) return null;
      const key = keyOf(userId, ref);
      const replies = await redis.multi().hget(key, "p").hexists(key, "t").pttl(key).exec();
      const [field, hasToken, pttl] = (replies ?? []).map(([err, value]) => (err ? null : value));
      if (typeof field !== "string" || hasToken !== 1 || typeof pttl !== "number" || pttl <= 0) return null;
      const providers = parseProviderList(field);
      return providers ? { providers, ttlSeconds: Math.ceil(pttl / 1000) } : null;
    },

    async clear(userId, ref) {
      if (!validLookup(userId, ref)) return false;
      const [deleted] = (await redis.multi().del(keyOf(userId, ref)).zrem(indexOf(userId), ref).exec()) ?? [];
      return Number(deleted?.[1] ?? 0) > 0;
    },

    async extend(userId, ref, ttlMs) {
      if (!validLookup(userId, ref) || !Number.isFinite(ttlMs) || ttlMs <= 0) return false;
      const result = await withExtendScript(redis).byokExtendEntry(
        keyOf(userId, ref),
        indexOf(userId),
        Math.ceil(ttlMs),
        Date.now(),
        ref,
      );
      return Number(result) === 1;
    },

    entryKey(userId, ref) {
      return validLookup(userId, ref) ? keyOf(userId, ref) : null;
    },
  };
}
