export const VAULT_ERROR_CODES = [
  "WRONG_PASSWORD",
  "LOCKED",
  "NOT_INITIALIZED",
  "ALREADY_INITIALIZED",
  "CORRUPT",
  "UNSUPPORTED_VERSION",
  "INVALID_KEY_FORMAT",
  "WEAK_PASSWORD",
  "STORAGE_UNAVAILABLE",
  "TOO_MANY_ATTEMPTS",
] as const;
export type VaultErrorCode = (typeof VAULT_ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<VaultErrorCode, string> = {
  WRONG_PASSWORD: "That vault password is not correct.",
  LOCKED: "The vault is locked. Unlock it with your vault password.",
  NOT_INITIALIZED: "There is no vault yet. Create one with a vault password.",
  ALREADY_INITIALIZED: "A vault already exists for this account.",
  CORRUPT: "The stored vault data is damaged or was altered, so it cannot be decrypted.",
  UNSUPPORTED_VERSION: "This vault data uses a format or parameters this app does not accept.",
  INVALID_KEY_FORMAT: "That does not look like an API key for this provider.",
  WEAK_PASSWORD: "The vault password is too short.",
  STORAGE_UNAVAILABLE: "This browser's storage (IndexedDB) is not available here.",
  TOO_MANY_ATTEMPTS: "Too many wrong passwords. Wait a moment before trying again.",
};

/** Every failure the vault reports. Messages are fixed texts: never a key, a password or a record. */
export class VaultError extends Error {
  override readonly name = "VaultError";
  readonly code: VaultErrorCode;
  /** TOO_MANY_ATTEMPTS only: when the next unlock attempt is allowed (ms epoch). */
  readonly retryAt?: number;
  /** TOO_MANY_ATTEMPTS only: how long until then, in ms. */
  readonly retryAfterMs?: number;

  constructor(code: VaultErrorCode, message?: string, retry?: { retryAt: number; retryAfterMs: number }) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.code = code;
    if (retry) {
      this.retryAt = retry.retryAt;
      this.retryAfterMs = retry.retryAfterMs;
    }
  }
}
