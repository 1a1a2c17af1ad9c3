/**
 * The key keeper: holds each user's unlocked DEK (a non-extractable CryptoKey) in the memory of a
 * SharedWorker of the origin, so a reload or a new tab of the same user gets it back instead of
 * asking for the password. It forgets a DEK on a lock in any tab, auto-lock, sign-out, a page of
 * another account, and shortly after the last page is gone (docs/vault-format.md, "Key keeper";
 * docs/security.md for the threat analysis). Runs inside the worker; imports no vault code.
 */
import type { HeldKey, KeeperLockReason, KeeperNotice } from "~/lib/crypto/vault-keeper-protocol";
import { isKeeperRequest, type KeeperRequest } from "~/lib/crypto/vault-keeper-protocol";
import type { TabMessage } from "~/lib/crypto/vault-tabs";

/**
 * After the last page is gone, how long the DEK waits for a page to come back: a reload unloads
 * the old page before the new one connects. Short, because nothing else needs it then.
 */
export const RELOAD_GRACE_MS = 10_000;

export interface KeeperPort {
  postMessage(message: KeeperNotice): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface VaultKeeperOptions {
  now: () => number;
  graceMs?: number;
  /** Calls `gone` once the page whose client lock is `clientId` no longer exists. */
  watchClient?: (clientId: string, gone: () => void) => void;
}

export interface VaultKeeper {
  connect(port: KeeperPort): void;
  /** The tabs' channel: locks, sign-out and activity reach the keeper as they reach every tab. */
  onTabMessage(message: TabMessage): void;
  /** Users whose DEK is held now. */
  heldUsers(): string[];
}

interface Entry extends HeldKey {
  idleTimeoutMs: number;
  /** Backstop auto-lock on the keeper's own clock, for when no page is awake to lock. */
  deadline: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Client {
  userId: string | null;
}

function unref(timer: ReturnType<typeof setTimeout>) {
  // Node only: a pending timer must not keep a test process alive.
  if (typeof timer === "object" && timer !== null && "unref" in timer) timer.unref();
}

export function createVaultKeeper(options: VaultKeeperOptions): VaultKeeper {
  const { now, watchClient } = options;
  const graceMs = options.graceMs ?? RELOAD_GRACE_MS;
  const entries = new Map<string, Entry>();
  const clients = new Map<KeeperPort, Client>();
  let grace: ReturnType<typeof setTimeout> | undefined;

  function tell(userId: string, notice: KeeperNotice, except?: KeeperPort) {
    for (const [port, client] of clients) {
      if (port !== except && client.userId === userId) port.postMessage(notice);
    }
  }

  function drop(userId: string, reason: KeeperLockReason, except?: KeeperPort) {
    const entry = entries.get(userId);
    if (!entry) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entries.delete(userId);
    tell(userId, { type: "dropped", userId, reason }, except);
  }

  function arm(userId: string, entry: Entry) {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = setTimeout(
      () => {
        if (entries.get(userId) === entry) drop(userId, "idle");
      },
      Math.max(0, entry.deadline - now()),
    );
    unref(entry.timer);
  }

  /** One browser profile has one signed-in account: a page of another account means it changed. */
  function claim(port: KeeperPort, userId: string) {
    for (const other of [...entries.keys()]) if (other !== userId) drop(other, "account-change");
    const client = clients.get(port);
    if (client) client.userId = userId;
  }

  function left(port: KeeperPort) {
    clients.delete(port);
    if (clients.size > 0 || grace !== undefined) return;
    grace = setTimeout(() => {
      grace = undefined;
      if (clients.size > 0) return;
      for (const [userId, entry] of entries) {
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        entries.delete(userId);
      }
    }, graceMs);
    unref(grace);
  }

  function handle(port: KeeperPort, request: KeeperRequest) {
    switch (request.type) {
      case "hello":
        watchClient?.(request.clientId, () => left(port));
        return;
      case "restore": {
        claim(port, request.userId);
        let entry = entries.get(request.userId);
        if (entry && now() >= entry.deadline) {
          drop(request.userId, "idle");
          entry = undefined;
        }
        const held = entry
          ? { dek: entry.dek, vaultCreatedAt: entry.vaultCreatedAt, lastActivityAt: entry.lastActivityAt }
          : null;
        port.postMessage({ type: "restored", id: request.id, held });
        return;
      }
      case "hold": {
        claim(port, request.userId);
        const previous = entries.get(request.userId);
        if (previous?.timer !== undefined) clearTimeout(previous.timer);
        const { userId, dek, vaultCreatedAt, lastActivityAt, idleTimeoutMs } = request;
        const entry: Entry = {
          dek,
          vaultCreatedAt,
          lastActivityAt,
          idleTimeoutMs,
          deadline: now() + idleTimeoutMs,
          timer: undefined,
        };
        entries.set(userId, entry);
        arm(userId, entry);
        tell(userId, { type: "held", userId, dek, vaultCreatedAt, lastActivityAt }, port);
        return;
      }
      case "drop":
        drop(request.userId, request.reason, port);
        return;
    }
  }

  return {
    connect(port) {
      clients.set(port, { userId: null });
      if (grace !== undefined) {
        clearTimeout(grace);
        grace = undefined;
      }
      port.onmessage = (event: MessageEvent) => {
        if (isKeeperRequest(event.data)) handle(port, event.data);
      };
    },

    onTabMessage(message) {
      if (message.type === "lock") {
        const users = message.userId === null ? [...entries.keys()] : [message.userId];
        for (const userId of users) drop(userId, message.reason);
        return;
      }
      if (message.type === "activity") {
        const entry = entries.get(message.userId);
        if (!entry) return;
        entry.lastActivityAt = Math.max(entry.lastActivityAt, message.at);
        entry.idleTimeoutMs = message.idleTimeoutMs;
        entry.deadline = now() + message.idleTimeoutMs;
        arm(message.userId, entry);
      }
    },

    heldUsers() {
      return [...entries.keys()];
    },
  };
}
