/** Lock and change notices between tabs of one origin. Messages carry events only, never key material. */
export const VAULT_CHANNEL_NAME = "byok-vault";

export type TabMessage =
  /** userId null: every user's vault (sign-out). */
  | { type: "lock"; userId: string | null; reason: "manual" | "sign-out" }
  | { type: "changed"; userId: string };

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === "lock") return (m.userId === null || typeof m.userId === "string") && (m.reason === "manual" || m.reason === "sign-out");
  return m.type === "changed" && typeof m.userId === "string";
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
