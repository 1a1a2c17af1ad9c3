export { createTokenCipher, tokenCipherFromEnv, TOKEN_VERSION } from "./token";
export type { TokenCipher, TokenCipherOptions, TokenEnv } from "./token";
export { TokenError, TokenConfigError } from "./errors";
export type { TokenErrorCode } from "./errors";
export { sealAesGcm, openAesGcm, GCM_IV_BYTES, GCM_TAG_BYTES } from "./aes-gcm";
export { decodeSecret, deriveTokenKey, SECRET_BYTES } from "./secret";
export { keyFingerprint } from "./key-fingerprint";
