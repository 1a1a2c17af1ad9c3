export { createByokCache, entryAad, DEFAULT_PREFIX, DEFAULT_MAX_ENTRIES_PER_USER } from "./byok-cache";
export type { ByokCache, ByokCacheOptions } from "./byok-cache";
export { ByokCacheError } from "./errors";
export type { ByokCacheErrorCode } from "./errors";
export type { ByokKeys } from "./entry";
