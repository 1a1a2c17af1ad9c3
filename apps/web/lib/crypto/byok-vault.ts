/**
 * The browser vault: the only place a user's provider keys are stored (docs/security.md).
 * A PBKDF2 key (KEK) wraps a random AES-256-GCM data key (DEK); the DEK encrypts each entry.
 * IndexedDB holds only salt, KDF parameters, IVs and ciphertexts (docs/vault-format.md).
 * Safe to import during server rendering: browser APIs are touched only when a vault is used.
 */
import { PROVIDERS, isPlausibleKey, keyFormatHint, maskKey, type Provider } from "@byok/types";
import { createAttemptGuard } from "~/lib/crypto/vault-attempts";
import { VaultError } from "~/lib/crypto/vault-errors";
import { createIdleTimer } from "~/lib/crypto/vault-idle";
import type { VaultKeeperLink, KeeperUserNotice } from "~/lib/crypto/vault-keeper-link";
import type { HeldKey, KeeperLockReason } from "~/lib/crypto/vault-keeper-protocol";
import {
  BACKUP_KIND,
  KDF_NAME,
  parseBackup,
  parseEntryPayload,
  parseEntryRecord,
  parseVaultRecord,
  type DecodedEntry,
  type DecodedVault,
  type EntryPayload,
  type VaultBackup,
} from "~/lib/crypto/vault-records";
import {
  DEFAULT_ITERATIONS,
  IV_BYTES,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  SALT_BYTES,
  VAULT_FORMAT_VERSION,
  aesGcmDecrypt,
  aesGcmEncrypt,
  dekAad,
  deriveKek,
  entryAad,
  generateDek,
  randomBytes,
  unwrapDek,
  utf8,
  wrapDek,
} from "~/lib/crypto/vault-primitives";
import { toBase64url } from "@byok/base64url";
import { openVaultStore, type VaultStore } from "~/lib/crypto/vault-store";
import { lockEveryVault, openTabChannel, type TabChannel, type TabMessage } from "~/lib/crypto/vault-tabs";
import { MIN_PASSWORD_LENGTH } from "~/lib/crypto/vault-password-length";

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000;

export type VaultState = "empty" | "locked" | "unlocked";
export type LockReason = "manual" | "idle" | "other-tab" | "sign-out" | "account-change";
export type VaultEvent =
  | { type: "state"; state: VaultState }
  | { type: "lock"; reason: LockReason }
  /** Keys, password or the vault itself changed (in this tab or another). */
  | { type: "keys-changed" }
  /** The vault locks itself at `lockAt` (ms epoch) unless there is activity first. */
  | { type: "auto-lock-warning"; lockAt: number }
  /** Activity (here or in another tab) moved the auto-lock away again. */
  | { type: "auto-lock-postponed" };
export type VaultListener = (event: VaultEvent) => void;

export interface KeyMetadata {
  provider: Provider;
  /** Masked, e.g. `sk-…a1b2`: recognisable, never usable. */
  hint: string;
  createdAt: number;
  updatedAt: number;
}

export interface ByokVaultOptions {
  userId: string;
  /** Defaults to the browser's `indexedDB`; tests pass a fake-indexeddb factory. */
  indexedDB?: IDBFactory;
  idleTimeoutMs?: number;
  /** The page's link to the key keeper; without one, every page load starts locked. */
  keeper?: VaultKeeperLink | null;
  /** PBKDF2 iterations for new wraps; vaults below it are re-wrapped on unlock. */
  iterations?: number;
  now?: () => number;
}

export interface ByokVault {
  readonly userId: string;
  /** Answer of `navigator.storage.persist()` (after initialize) or `persisted()`; null if unknown. */
  readonly persisted: boolean | null;
  state(): VaultState;
  ready(): Promise<VaultState>;
  initialize(password: string): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): void;
  /** Locks this user's vault in every tab with reason "sign-out". */
  lockOnSignOut(): void;
  /** User input (keys, pointer): keeps the vault unlocked; cheap, throttled. */
  touch(): void;
  /** Changes the auto-lock time, counted from the last activity. */
  setIdleTimeout(idleTimeoutMs: number): void;
  /** When the vault locks itself, while the auto-lock warning is up; otherwise null. */
  autoLockWarning(): number | null;
  setKey(provider: Provider, apiKey: string): Promise<KeyMetadata>;
  getKey(provider: Provider): Promise<string | null>;
  getKeys(providers: readonly Provider[]): Promise<Partial<Record<Provider, string>>>;
  deleteKey(provider: Provider): Promise<boolean>;
  listKeys(): Promise<KeyMetadata[]>;
  changePassword(current: string, next: string): Promise<void>;
  exportBackup(): Promise<string>;
  importBackup(text: string, password: string): Promise<void>;
  reset(): Promise<void>;
  subscribe(listener: VaultListener): () => void;
  /** Closes the tab channel and timers; the object is unusable afterwards. */
  dispose(): void;
}

const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const live = new Set<{ lockFromOutside(reason: "sign-out"): void; userId: string }>();

/** Sign-out hook: locks every vault of this origin, in this tab at once and in all others. */
export function lockAllVaults(): void {
  for (const vault of live) vault.lockFromOutside("sign-out");
  lockEveryVault();
}

function checkPassword(password: unknown): asserts password is string {
  if (typeof password !== "string" || [...password].length < MIN_PASSWORD_LENGTH) {
    throw new VaultError("WEAK_PASSWORD", `Use a vault password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

function checkProvider(provider: unknown): asserts provider is Provider {
  if (!PROVIDERS.includes(provider as Provider)) {
    throw new VaultError("INVALID_KEY_FORMAT", `Unknown provider. Expected one of: ${PROVIDERS.join(", ")}.`);
  }
}

function defaultIndexedDb(): IDBFactory | undefined {
  return typeof globalThis.indexedDB === "object" ? globalThis.indexedDB : undefined;
}

async function askPersist(kind: "persist" | "persisted"): Promise<boolean | null> {
  const storage = typeof navigator === "object" ? navigator.storage : undefined;
  const ask = storage?.[kind];
  if (typeof ask !== "function") return null;
  try {
    return await ask.call(storage);
  } catch {
    return null;
  }
}

export function createByokVault(options: ByokVaultOptions): ByokVault {
  const { userId } = options;
  if (typeof userId !== "string" || !USER_ID_PATTERN.test(userId)) {
    throw new TypeError("createByokVault: userId must be 1–128 characters of A–Z, a–z, 0–9, _ or -.");
  }
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new TypeError(`createByokVault: iterations must be an integer in ${MIN_ITERATIONS}–${MAX_ITERATIONS}.`);
  }
  let idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  checkIdleTimeout(idleTimeoutMs);
  const now = options.now ?? (() => Date.now());
  const keeper = options.keeper ?? null;

  let current: VaultState = "locked";
  let loaded = false;
  let persisted: boolean | null = null;
  let dek: CryptoKey | null = null;
  /** Bumped by every lock, so an unlock that was in flight cannot resurrect the DEK. */
  let epoch = 0;
  let disposed = false;
  let storePromise: Promise<VaultStore> | null = null;
  let loadPromise: Promise<VaultState> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let channel: TabChannel | null = null;
  let keeperOff: (() => void) | null = null;
  const listeners = new Set<VaultListener>();
  const guard = createAttemptGuard(now);
  const idle = createIdleTimer({
    timeoutMs: idleTimeoutMs,
    now,
    onIdle: () => autoLock(),
    onWarn: (lockAt) => emit({ type: "auto-lock-warning", lockAt }),
    onWarnCancel: () => emit({ type: "auto-lock-postponed" }),
    onActivity: (at) => channel?.post({ type: "activity", userId, at, idleTimeoutMs }),
  });

  const emit = (event: VaultEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error("byok-vault: a listener threw", err instanceof Error ? err.name : typeof err);
      }
    }
  };
  const setState = (next: VaultState) => {
    if (next === current) return;
    current = next;
    emit({ type: "state", state: next });
  };

  function dropKey(reason: LockReason | null) {
    epoch += 1;
    idle.stop();
    const wasUnlocked = dek !== null;
    dek = null;
    if (wasUnlocked && reason) emit({ type: "lock", reason });
    if (current === "unlocked") setState("locked");
  }

  /** Locks here, in every other tab and in the keeper (the idle clock is shared, so all agree). */
  function autoLock() {
    dropKey("idle");
    channel?.post({ type: "lock", userId, reason: "idle" });
    keeper?.drop(userId, "idle");
  }

  function onTabMessage(message: TabMessage) {
    if (message.userId !== null && message.userId !== userId) return;
    if (message.type === "lock") {
      // A hold of ours may still be on its way to the keeper, behind this notice: a drop sent on our
      // own port arrives after it, so the keeper cannot end up holding what every tab let go.
      if (dek) keeper?.drop(userId, message.reason);
      dropKey(lockReasonFromElsewhere(message.reason));
      return;
    }
    if (message.type === "activity") {
      idle.adopt(message.at);
      return;
    }
    refresh().then(
      () => emit({ type: "keys-changed" }),
      () => undefined,
    );
  }

  function onKeeperNotice(notice: KeeperUserNotice) {
    if (notice.type === "dropped") dropKey(lockReasonFromElsewhere(notice.reason));
    else void adopt(notice, epoch).catch(() => undefined);
  }

  /**
   * Takes a DEK another tab opened (through the keeper): only for the vault it was opened from,
   * only if no lock came in between, and with the shared idle clock rather than a fresh one.
   */
  async function adopt(held: HeldKey, startedAt: number): Promise<void> {
    if (!sameVault(await (await store()).getVault(userId), userId, held.vaultCreatedAt)) return;
    if (epoch !== startedAt || disposed || dek) return;
    if (now() - held.lastActivityAt >= idleTimeoutMs) {
      emit({ type: "lock", reason: "idle" });
      channel?.post({ type: "lock", userId, reason: "idle" });
      keeper?.drop(userId, "idle");
      return;
    }
    dek = held.dek;
    loaded = true;
    idle.start(held.lastActivityAt);
    setState("unlocked");
  }

  const self = {
    userId,
    lockFromOutside(reason: "sign-out") {
      if (dek) keeper?.drop(userId, reason);
      dropKey(reason);
    },
  };

  function store(): Promise<VaultStore> {
    if (disposed) return Promise.reject(new VaultError("STORAGE_UNAVAILABLE", "This vault object was disposed."));
    if (!storePromise) {
      storePromise = openVaultStore(options.indexedDB ?? defaultIndexedDb());
      storePromise.catch(() => {
        storePromise = null;
      });
      channel ??= openTabChannel(onTabMessage);
      keeperOff ??= keeper?.subscribe(userId, onKeeperNotice) ?? null;
      live.add(self);
    }
    return storePromise;
  }

  async function refresh(): Promise<VaultState> {
    const record = await (await store()).getVault(userId);
    loaded = true;
    if (record === undefined) {
      if (dek) dropKey(null);
      setState("empty");
    } else if (current === "empty") {
      setState("locked");
    }
    return current;
  }

  function ready(): Promise<VaultState> {
    if (!loadPromise) {
      loadPromise = (async () => {
        const startedAt = epoch;
        if ((await refresh()) === "locked" && keeper) {
          const held = await keeper.restore(userId);
          if (held) await adopt(held, startedAt);
        }
        if (current !== "empty") persisted = await askPersist("persisted");
        return current;
      })();
      loadPromise.catch(() => {
        loadPromise = null;
      });
    }
    return loadPromise;
  }

  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  /** `use` false: a read that only shows the vault (listing on page load) does not keep it open. */
  function requireDek(use = true): CryptoKey {
    if (dek && idle.expired()) autoLock();
    if (!dek) throw new VaultError(current === "empty" && loaded ? "NOT_INITIALIZED" : "LOCKED");
    if (use) idle.activity();
    return dek;
  }

  async function loadRecord() {
    const raw = await (await store()).getVault(userId);
    if (raw === undefined) {
      await refresh();
      throw new VaultError("NOT_INITIALIZED");
    }
    return parseVaultRecord(raw, userId);
  }

  /** Derives the KEK and unwraps the DEK; a failure counts as a wrong password. */
  async function openDek(password: string, vault: DecodedVault, extractable: boolean) {
    guard.check();
    const kek = await deriveKek(password, vault.salt, vault.iterations);
    try {
      const key = await unwrapDek(vault.wrapped, kek, vault.dekIv, dekAad(userId), extractable);
      guard.succeeded();
      return { key, kek };
    } catch {
      guard.failed();
      throw new VaultError("WRONG_PASSWORD");
    }
  }

  /** A new salt and KEK at the current work factor; returns the record fields and a non-extractable DEK. */
  async function wrapUnderNewPassword(password: string, extractableDek: CryptoKey) {
    const salt = randomBytes(SALT_BYTES);
    const iv = randomBytes(IV_BYTES);
    const kek = await deriveKek(password, salt, iterations);
    const wrapped = await wrapDek(extractableDek, kek, iv, dekAad(userId));
    const inMemory = await unwrapDek(wrapped, kek, iv, dekAad(userId), false);
    return {
      kdf: { name: KDF_NAME, iterations, salt: toBase64url(salt) },
      dek: { iv: toBase64url(iv), wrapped: toBase64url(wrapped) },
      inMemory,
    };
  }

  function becomeUnlocked(key: CryptoKey, startedAt: number, vaultCreatedAt: number) {
    if (epoch !== startedAt || disposed) throw new VaultError("LOCKED", "The vault was locked while it was opening.");
    dek = key;
    idle.start();
    setState("unlocked");
    keeper?.hold(userId, { dek: key, vaultCreatedAt, lastActivityAt: idle.lastActivity() }, idleTimeoutMs);
  }

  async function decryptEntry(key: CryptoKey, entry: DecodedEntry): Promise<EntryPayload> {
    let plain: Uint8Array;
    try {
      plain = await aesGcmDecrypt(key, entry.iv, entry.ct, entryAad(userId, entry.provider));
    } catch {
      throw new VaultError("CORRUPT", `The stored ${entry.provider} key is damaged or was altered.`);
    }
    return parseEntryPayload(plain, entry.provider);
  }

  async function readEntry(key: CryptoKey, provider: Provider): Promise<EntryPayload | null> {
    const raw = await (await store()).getEntry(userId, provider);
    if (raw === undefined) return null;
    return decryptEntry(key, parseEntryRecord(raw, userId, provider).decoded);
  }

  function announceChange() {
    channel?.post({ type: "changed", userId });
    emit({ type: "keys-changed" });
  }

  const vault: ByokVault = {
    userId,
    get persisted() {
      return persisted;
    },

    state() {
      if (dek && idle.expired()) autoLock();
      return current;
    },

    ready,

    async initialize(password) {
      checkPassword(password);
      const startedAt = epoch;
      return serial(async () => {
        await ready();
        const fresh = await generateDek();
        const wrapped = await wrapUnderNewPassword(password, fresh);
        const t = now();
        const created = await (
          await store()
        ).createVault(
          { format: VAULT_FORMAT_VERSION, userId, kdf: wrapped.kdf, dek: wrapped.dek, createdAt: t, updatedAt: t },
          [],
        );
        if (!created) {
          await refresh();
          throw new VaultError("ALREADY_INITIALIZED");
        }
        loaded = true;
        becomeUnlocked(wrapped.inMemory, startedAt, t);
        persisted = await askPersist("persist");
        announceChange();
      });
    },

    async unlock(password) {
      if (typeof password !== "string") throw new VaultError("WRONG_PASSWORD");
      const startedAt = epoch;
      return serial(async () => {
        guard.check();
        const record = await loadRecord();
        const upgrade = record.decoded.iterations < iterations;
        const { key } = await openDek(password, record.decoded, upgrade);
        if (!upgrade) {
          becomeUnlocked(key, startedAt, record.createdAt);
          return;
        }
        const rewrapped = await wrapUnderNewPassword(password, key);
        await (
          await store()
        ).putVault({ ...stripDecoded(record), kdf: rewrapped.kdf, dek: rewrapped.dek, updatedAt: now() });
        becomeUnlocked(rewrapped.inMemory, startedAt, record.createdAt);
      });
    },

    lock() {
      dropKey("manual");
      channel?.post({ type: "lock", userId, reason: "manual" });
      keeper?.drop(userId, "manual");
    },

    lockOnSignOut() {
      dropKey("sign-out");
      channel?.post({ type: "lock", userId, reason: "sign-out" });
      keeper?.drop(userId, "sign-out");
    },

    touch() {
      idle.touch();
    },

    setIdleTimeout(next) {
      checkIdleTimeout(next);
      idleTimeoutMs = next;
      idle.setTimeoutMs(next);
      // Not activity: it only tells the other tabs and the keeper the new time.
      if (dek) channel?.post({ type: "activity", userId, at: idle.lastActivity(), idleTimeoutMs: next });
    },

    autoLockWarning() {
      return dek ? idle.warningLockAt() : null;
    },

    async setKey(provider, apiKey) {
      checkProvider(provider);
      const key = typeof apiKey === "string" ? apiKey.trim() : "";
      if (!isPlausibleKey(provider, key)) throw new VaultError("INVALID_KEY_FORMAT", keyFormatHint(provider));
      requireDek();
      return serial(async () => {
        const dekNow = requireDek();
        const t = now();
        let createdAt = t;
        try {
          createdAt = (await readEntry(dekNow, provider))?.createdAt ?? createdAt;
        } catch (err) {
          // A damaged entry is being replaced: the new key is the repair.
          if (!(err instanceof VaultError && err.code === "CORRUPT")) throw err;
        }
        const payload: EntryPayload = { key, createdAt, updatedAt: t };
        const iv = randomBytes(IV_BYTES);
        const ct = await aesGcmEncrypt(dekNow, iv, utf8(JSON.stringify(payload)), entryAad(userId, provider));
        requireDek();
        const written = await (
          await store()
        ).putEntry({
          format: VAULT_FORMAT_VERSION,
          userId,
          provider,
          iv: toBase64url(iv),
          ct: toBase64url(ct),
        });
        if (!written) {
          await refresh();
          throw new VaultError("NOT_INITIALIZED");
        }
        announceChange();
        return { provider, hint: maskKey(key), createdAt: payload.createdAt, updatedAt: payload.updatedAt };
      });
    },

    async getKey(provider) {
      checkProvider(provider);
      const key = requireDek();
      const entry = await readEntry(key, provider);
      requireDek();
      return entry?.key ?? null;
    },

    async getKeys(providers) {
      const out: Partial<Record<Provider, string>> = {};
      for (const provider of new Set(providers)) {
        const key = await vault.getKey(provider);
        if (key !== null) out[provider] = key;
      }
      return out;
    },

    async deleteKey(provider) {
      checkProvider(provider);
      requireDek();
      return serial(async () => {
        requireDek();
        const existed = await (await store()).deleteEntry(userId, provider);
        if (existed) announceChange();
        return existed;
      });
    },

    async listKeys() {
      const key = requireDek(false);
      const raws = await (await store()).listEntries(userId);
      const infos: KeyMetadata[] = [];
      for (const raw of raws) {
        const provider = (raw as { provider?: unknown }).provider;
        checkProviderOrCorrupt(provider);
        const payload = await decryptEntry(key, parseEntryRecord(raw, userId, provider).decoded);
        infos.push({
          provider,
          hint: maskKey(payload.key),
          createdAt: payload.createdAt,
          updatedAt: payload.updatedAt,
        });
      }
      requireDek(false);
      return infos.sort((a, b) => PROVIDERS.indexOf(a.provider) - PROVIDERS.indexOf(b.provider));
    },

    async changePassword(currentPassword, next) {
      checkPassword(next);
      if (typeof currentPassword !== "string") throw new VaultError("WRONG_PASSWORD");
      const startedAt = epoch;
      return serial(async () => {
        guard.check();
        const record = await loadRecord();
        const { key: extractable } = await openDek(currentPassword, record.decoded, true);
        const rewrapped = await wrapUnderNewPassword(next, extractable);
        await (
          await store()
        ).putVault({ ...stripDecoded(record), kdf: rewrapped.kdf, dek: rewrapped.dek, updatedAt: now() });
        becomeUnlocked(rewrapped.inMemory, startedAt, record.createdAt);
        announceChange();
      });
    },

    async exportBackup() {
      const key = requireDek();
      const s = await store();
      const record = await loadRecord();
      const entries: VaultBackup["entries"] = [];
      for (const raw of await s.listEntries(userId)) {
        const provider = (raw as { provider?: unknown }).provider;
        checkProviderOrCorrupt(provider);
        const entry = parseEntryRecord(raw, userId, provider);
        // Proves every entry still opens, so the file is never a backup of damaged data.
        await decryptEntry(key, entry.decoded);
        entries.push({ provider, iv: entry.iv, ct: entry.ct });
      }
      requireDek();
      const backup: VaultBackup = {
        kind: BACKUP_KIND,
        format: VAULT_FORMAT_VERSION,
        userId,
        exportedAt: now(),
        kdf: record.kdf,
        dek: record.dek,
        entries,
      };
      return JSON.stringify(backup, null, 2);
    },

    async importBackup(text, password) {
      const startedAt = epoch;
      return serial(async () => {
        const backup = parseBackup(text, userId);
        if (typeof password !== "string") throw new VaultError("WRONG_PASSWORD");
        const existing = await (await store()).getVault(userId);
        if (existing !== undefined) {
          await refresh();
          throw new VaultError(
            "ALREADY_INITIALIZED",
            "A vault already exists here. Reset it before importing a backup.",
          );
        }
        const { key: opened, kek } = await openDek(password, backup.decoded, true);
        for (const entry of backup.decodedEntries) await decryptEntry(opened, entry);
        const upgrade = backup.decoded.iterations < iterations;
        const rewrapped = upgrade ? await wrapUnderNewPassword(password, opened) : null;
        const inMemory =
          rewrapped?.inMemory ??
          (await unwrapDek(backup.decoded.wrapped, kek, backup.decoded.dekIv, dekAad(userId), false));
        const t = now();
        const created = await (
          await store()
        ).createVault(
          {
            format: VAULT_FORMAT_VERSION,
            userId,
            kdf: rewrapped?.kdf ?? backup.kdf,
            dek: rewrapped?.dek ?? backup.dek,
            createdAt: t,
            updatedAt: t,
          },
          backup.entries.map((e) => ({
            format: VAULT_FORMAT_VERSION,
            userId,
            provider: e.provider,
            iv: e.iv,
            ct: e.ct,
          })),
        );
        if (!created) {
          await refresh();
          throw new VaultError(
            "ALREADY_INITIALIZED",
            "A vault already exists here. Reset it before importing a backup.",
          );
        }
        loaded = true;
        becomeUnlocked(inMemory, startedAt, t);
        announceChange();
      });
    },

    async reset() {
      return serial(async () => {
        await (await store()).deleteVault(userId);
        dropKey(null);
        keeper?.drop(userId, "manual");
        loaded = true;
        setState("empty");
        announceChange();
      });
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      dropKey(null);
      disposed = true;
      live.delete(self);
      channel?.close();
      channel = null;
      keeperOff?.();
      keeperOff = null;
      listeners.clear();
      storePromise?.then(
        (s) => s.close(),
        () => undefined,
      );
    },
  };
  return vault;
}

function checkIdleTimeout(ms: unknown): asserts ms is number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) {
    throw new TypeError("byok-vault: idleTimeoutMs must be a positive number.");
  }
}

/** A damaged record is not "the same vault": unlocking with the password reports it instead. */
function sameVault(raw: unknown, userId: string, vaultCreatedAt: number): boolean {
  if (raw === undefined) return false;
  try {
    return parseVaultRecord(raw, userId).createdAt === vaultCreatedAt;
  } catch {
    return false;
  }
}

/** How a lock made elsewhere (another tab, the keeper) reads here. */
function lockReasonFromElsewhere(reason: KeeperLockReason): LockReason {
  return reason === "manual" ? "other-tab" : reason;
}

function checkProviderOrCorrupt(provider: unknown): asserts provider is Provider {
  if (!PROVIDERS.includes(provider as Provider)) throw new VaultError("CORRUPT");
}

function stripDecoded<T extends { decoded: unknown }>(record: T): Omit<T, "decoded"> {
  const { decoded: _decoded, ...rest } = record;
  return rest;
}
