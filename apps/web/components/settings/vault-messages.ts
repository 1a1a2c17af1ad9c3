import type { ByokVault } from "~/lib/crypto/byok-vault";

/** The vault's error codes (lib/crypto/vault-errors.ts), as people should read them. */
const MESSAGES: Record<string, string> = {
  WRONG_PASSWORD: "That password is not correct.",
  LOCKED: "The vault is locked. Unlock it and try again.",
  NOT_INITIALIZED: "There is no vault in this browser yet.",
  ALREADY_INITIALIZED: "A vault already exists in this browser. Reset it first to start over.",
  CORRUPT: "The stored data could not be decrypted: it was changed or belongs to another vault.",
  UNSUPPORTED_VERSION: "This vault or backup uses a format or setting this app does not accept.",
  INVALID_KEY_FORMAT: "That does not look like a key for this provider.",
  WEAK_PASSWORD: "Choose a longer vault password.",
  STORAGE_UNAVAILABLE: "This browser does not allow storage for this site (private mode or blocked storage).",
  TOO_MANY_ATTEMPTS: "Too many wrong passwords.",
  // Not the vault's own: its code is loaded on demand, and the download failed.
  CODE_UNAVAILABLE: "The vault could not be loaded. Check your connection, then reload the page.",
};

interface CodedError {
  code: string;
  message: string;
  retryAfterMs?: number;
  retryAt?: number;
}

function isCoded(error: unknown): error is CodedError {
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

function retrySeconds(error: CodedError, now: number): number | null {
  if (typeof error.retryAfterMs === "number") return Math.max(1, Math.ceil(error.retryAfterMs / 1000));
  if (typeof error.retryAt === "number") return Math.max(1, Math.ceil((error.retryAt - now) / 1000));
  return null;
}

/** What the vault screens hold when the vault's code, loaded on demand, could not be downloaded. */
export const VAULT_CODE_UNAVAILABLE: CodedError = {
  code: "CODE_UNAVAILABLE",
  message: "The vault's code did not load.",
};

export function vaultErrorMessage(error: unknown, now = Date.now()): string {
  if (!isCoded(error)) return "Something went wrong. Please try again.";
  const base = MESSAGES[error.code] ?? "Something went wrong. Please try again.";
  if (error.code === "TOO_MANY_ATTEMPTS") {
    const seconds = retrySeconds(error, now);
    return seconds === null ? `${base} Wait a moment before trying again.` : `${base} Try again in ${seconds} s.`;
  }
  if (error.code === "INVALID_KEY_FORMAT" || error.code === "WEAK_PASSWORD") {
    // The vault's own message carries the rule (minimum length, expected prefix); it never holds the key.
    return error.message && !/\bsk-|AIza/.test(error.message) ? error.message : base;
  }
  return base;
}

/**
 * Unlocks the vault for a form that goes on once it is open (upload, retry): null when unlocked,
 * otherwise the sentence to show, which is what VaultUnlockForm's `onUnlock` returns.
 */
export async function unlockVault(vault: ByokVault | null, password: string): Promise<string | null> {
  if (!vault) return "The vault is not available.";
  try {
    await vault.unlock(password);
    return null;
  } catch (error) {
    return vaultErrorMessage(error);
  }
}
