/**
 * Messages between a page and the key keeper (the SharedWorker that lets an unlocked vault survive
 * a reload or a new tab, docs/vault-format.md "Key keeper"). The only key material is the DEK as a
 * non-extractable CryptoKey, passed by structured clone over the worker's MessagePort.
 */
export const KEEPER_NAME = "byok-vault-keeper";
/** Web Lock a page holds while it lives; the keeper learns that the page is gone when it is released. */
export const CLIENT_LOCK_PREFIX = "byok-vault-keeper-client:";

export type KeeperLockReason = "manual" | "idle" | "sign-out" | "account-change";

export interface HeldKey {
  dek: CryptoKey;
  /** The vault record's createdAt: a DEK is only ever adopted by the vault it was opened from. */
  vaultCreatedAt: number;
  /** Shared idle clock (ms epoch, the pages' clock). */
  lastActivityAt: number;
}

export type KeeperRequest =
  | { type: "hello"; clientId: string }
  | { type: "restore"; id: number; userId: string }
  | ({ type: "hold"; userId: string; idleTimeoutMs: number } & HeldKey)
  | { type: "drop"; userId: string; reason: KeeperLockReason };

export type KeeperNotice =
  | { type: "restored"; id: number; held: HeldKey | null }
  /** Another tab unlocked this user's vault. */
  | ({ type: "held"; userId: string } & HeldKey)
  | { type: "dropped"; userId: string; reason: KeeperLockReason };

const REASONS: readonly unknown[] = ["manual", "idle", "sign-out", "account-change"] satisfies KeeperLockReason[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isTime = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 128;
const isKey = (v: unknown): v is CryptoKey =>
  typeof CryptoKey === "function" && v instanceof CryptoKey && !v.extractable && v.type === "secret";

function isHeldKey(m: Record<string, unknown>): boolean {
  return isKey(m.dek) && isTime(m.vaultCreatedAt) && isTime(m.lastActivityAt);
}

export function isKeeperRequest(value: unknown): value is KeeperRequest {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case "hello":
      return isId(value.clientId);
    case "restore":
      return isTime(value.id) && isId(value.userId);
    case "hold":
      return isId(value.userId) && isTime(value.idleTimeoutMs) && value.idleTimeoutMs > 0 && isHeldKey(value);
    case "drop":
      return isId(value.userId) && REASONS.includes(value.reason);
    default:
      return false;
  }
}

export function isKeeperNotice(value: unknown): value is KeeperNotice {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case "restored":
      return isTime(value.id) && (value.held === null || (isRecord(value.held) && isHeldKey(value.held)));
    case "held":
      return isId(value.userId) && isHeldKey(value);
    case "dropped":
      return isId(value.userId) && REASONS.includes(value.reason);
    default:
      return false;
  }
}
