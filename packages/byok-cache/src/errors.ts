export type ByokCacheErrorCode = "BAD_USER_ID" | "BAD_KEYS" | "REF_COLLISION" | "TOO_MANY_ENTRIES";

/** Bad input to the cache, or a user at the cap on live entries. Messages name a provider at most, never a key. */
export class ByokCacheError extends Error {
  override readonly name = "ByokCacheError";
  readonly code: ByokCacheErrorCode;

  constructor(code: ByokCacheErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
