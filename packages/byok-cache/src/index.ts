export { createByokCache, entryAad, DEFAULT_PREFIX } from "./byok-cache";
export type { ByokCache, ByokCacheOptions } from "./byok-cache";
export { ByokCacheError } from "./errors";
export type { ByokCacheErrorCode } from "./errors";
export type { ByokKeys } from "./entry";
