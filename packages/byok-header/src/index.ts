export { encodeByokHeader, decodeByokHeader } from "./codec";
export type { ByokKeys, DecodeByokHeaderResult } from "./codec";
export { ByokHeaderError } from "./errors";
export type { ByokHeaderErrorCode } from "./errors";
export { BYOK_HEADER, BYOK_HEADER_MAX_BYTES } from "@byok/types";
