/**
 * The page's side of the key keeper (./vault-keeper.ts): one connection per page, shared by every
 * vault object of the page. Where SharedWorker does not exist there is no link, and the vault
 * behaves as before: every page load asks for the password.
 */
import {
  CLIENT_LOCK_PREFIX,
  KEEPER_NAME,
  isKeeperNotice,
  type HeldKey,
  type KeeperLockReason,
  type KeeperNotice,
  type KeeperRequest,
} from "~/lib/crypto/vault-keeper-protocol";

/** A keeper that has not answered by then is treated as holding nothing (the page asks for the password). */
export const RESTORE_TIMEOUT_MS = 3_000;

export type KeeperUserNotice = Extract<KeeperNotice, { type: "held" } | { type: "dropped" }>;

export interface VaultKeeperLink {
  /** This user's DEK if the keeper holds it; null if not, or if the keeper does not answer. */
  restore(userId: string): Promise<HeldKey | null>;
  hold(userId: string, held: HeldKey, idleTimeoutMs: number): void;
  drop(userId: string, reason: KeeperLockReason): void;
  /** Another tab unlocked this user's vault, or the keeper let the DEK go. */
  subscribe(userId: string, listener: (notice: KeeperUserNotice) => void): () => void;
}

export interface LinkPort {
  postMessage(message: KeeperRequest): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface KeeperLinkOptions {
  /** Resolves with the id of the client lock this page holds (null: no Web Locks, never announced). */
  clientId: Promise<string | null>;
  restoreTimeoutMs?: number;
}

export function createKeeperLink(port: LinkPort, options: KeeperLinkOptions): VaultKeeperLink & { fail(): void } {
  const restoreTimeoutMs = options.restoreTimeoutMs ?? RESTORE_TIMEOUT_MS;
  const pending = new Map<number, (held: HeldKey | null) => void>();
  const listeners = new Map<string, Set<(notice: KeeperUserNotice) => void>>();
  let nextId = 1;
  let broken = false;

  // Everything waits for the hello, so the keeper knows which page to watch before it holds a key for it.
  const opened = options.clientId.then(
    (clientId) => {
      if (clientId !== null) port.postMessage({ type: "hello", clientId });
    },
    () => undefined,
  );
  const send = (message: KeeperRequest) => {
    opened
      .then(() => {
        if (!broken) port.postMessage(message);
      })
      // A keeper that could not start is the same as no keeper: the page asks for the password.
      .catch(() => undefined);
  };

  port.onmessage = (event: MessageEvent) => {
    const notice: unknown = event.data;
    if (!isKeeperNotice(notice)) return;
    if (notice.type === "restored") {
      pending.get(notice.id)?.(notice.held);
      pending.delete(notice.id);
      return;
    }
    for (const listener of [...(listeners.get(notice.userId) ?? [])]) listener(notice);
  };

  return {
    restore(userId) {
      if (broken) return Promise.resolve(null);
      const id = nextId++;
      return new Promise<HeldKey | null>((resolve) => {
        const timer = setTimeout(() => settle(null), restoreTimeoutMs);
        function settle(held: HeldKey | null) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(held);
        }
        pending.set(id, settle);
        send({ type: "restore", id, userId });
      });
    },
    hold(userId, held, idleTimeoutMs) {
      send({
        type: "hold",
        userId,
        dek: held.dek,
        vaultCreatedAt: held.vaultCreatedAt,
        lastActivityAt: held.lastActivityAt,
        idleTimeoutMs,
      });
    },
    drop(userId, reason) {
      send({ type: "drop", userId, reason });
    },
    subscribe(userId, listener) {
      let set = listeners.get(userId);
      if (!set) listeners.set(userId, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    /** The worker failed to start (script blocked, crashed): stop waiting for it. */
    fail() {
      broken = true;
      for (const settle of [...pending.values()]) settle(null);
    },
  };
}

/** Holds a Web Lock for as long as this page lives; the keeper waits on it to learn the page is gone. */
function holdClientLock(): Promise<string | null> {
  const locks = typeof navigator === "object" ? navigator.locks : undefined;
  if (!locks || typeof crypto.randomUUID !== "function") return Promise.resolve(null);
  const clientId = crypto.randomUUID();
  return new Promise((resolve) => {
    locks
      .request(CLIENT_LOCK_PREFIX + clientId, () => {
        resolve(clientId);
        return new Promise<never>(() => undefined);
      })
      .catch(() => resolve(null));
  });
}

let shared: VaultKeeperLink | null | undefined;

/** The page's link to the keeper, created on first use; null where SharedWorker is unavailable. */
export function connectVaultKeeper(): VaultKeeperLink | null {
  if (shared !== undefined) return shared;
  shared = null;
  if (typeof SharedWorker !== "function") return shared;
  try {
    // extendedLifetime keeps the worker alive through a reload of the last page (the keeper then
    // waits RELOAD_GRACE_MS for it); browsers without it end the worker, and the DEK, with that page.
    const worker = new SharedWorker(new URL("./vault-keeper.worker.ts", import.meta.url), {
      name: KEEPER_NAME,
      extendedLifetime: true,
    } as WorkerOptions);
    const link = createKeeperLink(worker.port as LinkPort, { clientId: holdClientLock() });
    worker.addEventListener("error", () => link.fail());
    shared = link;
  } catch {
    shared = null;
  }
  return shared;
}
