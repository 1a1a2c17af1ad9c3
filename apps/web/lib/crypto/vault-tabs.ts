/**
 * Notices between the tabs (and the key keeper) of one origin. Messages carry events only, never
 * key material. This module imports nothing, so sign-out can use it without loading the vault.
 */
export const VAULT_CHANNEL_NAME = "byok-vault";

export type TabLockReason = "manual" | "idle" | "sign-out";

export type TabMessage =
  /** userId null: every user's vault (sign-out). */
  | { type: "lock"; userId: string | null; reason: TabLockReason }
  | { type: "changed"; userId: string }
  /** Vault use or user input at `at` (ms epoch) in some tab: the idle clock is shared. */
  | { type: "activity"; userId: string; at: number; idleTimeoutMs: number };

const LOCK_REASONS: readonly unknown[] = ["manual", "idle", "sign-out"] satisfies TabLockReason[];

export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === "lock") return (m.userId === null || typeof m.userId === "string") && LOCK_REASONS.includes(m.reason);
  if (m.type === "activity") {
    return typeof m.userId === "string" && isPositiveTime(m.at) && isPositiveTime(m.idleTimeoutMs);
  }
  return m.type === "changed" && typeof m.userId === "string";
}

function isPositiveTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/** null where BroadcastChannel does not exist: the vault then works in this tab alone. */
export function openTabChannel(onMessage: (message: TabMessage) => void): TabChannel | null {
  if (typeof globalThis.BroadcastChannel !== "function") return null;
  const channel = new BroadcastChannel(VAULT_CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent) => {
    if (isTabMessage(event.data)) onMessage(event.data);
  };
  // Node only: an open channel must not keep a test or script process alive.
  const maybeUnref = channel as unknown as { unref?: () => void };
  maybeUnref.unref?.();
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}

/** Posts once from a short-lived channel (sign-out, where no vault object may be at hand). */
export function broadcastOnce(message: TabMessage): void {
  if (typeof globalThis.BroadcastChannel !== "function") return;
  const channel = new BroadcastChannel(VAULT_CHANNEL_NAME);
  channel.postMessage(message);
  channel.close();
}

/**
 * Sign-out: locks every user's vault in every tab of this origin, this one included (a channel
 * object hears every other object of its name, in the same tab too), and empties the key keeper.
 */
export function lockEveryVault(): void {
  broadcastOnce({ type: "lock", userId: null, reason: "sign-out" });
}
