import "fake-indexeddb/auto";
import { mintKey } from "@byok/provider-emulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_IDLE_TIMEOUT_MS, lockAllVaults, type ByokVault, type VaultEvent } from "~/lib/crypto/byok-vault";
import { VaultError } from "~/lib/crypto/vault-errors";
import { DEFAULT_ITERATIONS, MIN_ITERATIONS } from "~/lib/crypto/vault-primitives";
import { OTHER_PASSWORD, PASSWORD, codeOf, freshFactory, openRawDb, testVault } from "~/lib/crypto/vault-test-support";

const openai = mintKey("openai", "valid");
const anthropic = mintKey("anthropic", "valid");
const gemini = mintKey("gemini", "valid");

const opened: ByokVault[] = [];
function track(vault: ByokVault): ByokVault {
  opened.push(vault);
  return vault;
}

afterEach(() => {
  for (const vault of opened.splice(0)) vault.dispose();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function nextEvent(vault: ByokVault, match: (e: VaultEvent) => boolean): Promise<VaultEvent> {
  return new Promise((resolve) => {
    const off = vault.subscribe((e) => {
      if (match(e)) {
        off();
        resolve(e);
      }
    });
  });
}

describe("byok-vault: lifecycle", () => {
  it("starts empty, initializes unlocked, locks and unlocks", async () => {
    const vault = track(testVault(freshFactory()));
    expect(await vault.ready()).toBe("empty");
    await vault.initialize(PASSWORD);
    expect(vault.state()).toBe("unlocked");
    vault.lock();
    expect(vault.state()).toBe("locked");
    await vault.unlock(PASSWORD);
    expect(vault.state()).toBe("unlocked");
  });

  it("a second object for the same user finds the vault locked", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    const again = track(testVault(factory));
    expect(await again.ready()).toBe("locked");
  });

  it("stores, reads, lists and deletes keys", async () => {
    let t = 1_700_000_000_000;
    const vault = track(testVault(freshFactory(), { now: () => t }));
    await vault.initialize(PASSWORD);
    const info = await vault.setKey("openai", `  ${openai}\n`);
    expect(info).toEqual({ provider: "openai", hint: `sk-…${openai.slice(-4)}`, createdAt: t, updatedAt: t });
    await vault.setKey("anthropic", anthropic);
    t += 5_000;
    await vault.setKey("openai", openai);

    expect(await vault.getKey("openai")).toBe(openai);
    expect(await vault.getKey("gemini")).toBeNull();
    expect(await vault.getKeys(["openai", "anthropic", "gemini", "openai"])).toEqual({ openai, anthropic });

    const list = await vault.listKeys();
    expect(list.map((k) => k.provider)).toEqual(["openai", "anthropic"]);
    expect(list[0]).toEqual({
      provider: "openai",
      hint: `sk-…${openai.slice(-4)}`,
      createdAt: t - 5_000,
      updatedAt: t,
    });
    expect(list[1]?.hint).toBe(`sk-ant-…${anthropic.slice(-4)}`);

    expect(await vault.deleteKey("openai")).toBe(true);
    expect(await vault.deleteKey("openai")).toBe(false);
    expect(await vault.getKey("openai")).toBeNull();
    expect((await vault.listKeys()).map((k) => k.provider)).toEqual(["anthropic"]);
  });

  it("keys survive locking and a new vault object", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    await vault.setKey("gemini", gemini);
    vault.lock();
    const again = track(testVault(factory));
    await again.unlock(PASSWORD);
    expect(await again.getKey("gemini")).toBe(gemini);
  });

  it("reset deletes the vault and its keys", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    await vault.reset();
    expect(vault.state()).toBe("empty");
    expect(await codeOf(vault.getKey("openai"))).toBe("NOT_INITIALIZED");
    const raw = await openRawDb(factory);
    expect(await raw.dump()).toEqual([]);
    raw.close();
    await vault.initialize(OTHER_PASSWORD);
    expect(await vault.getKey("openai")).toBeNull();
  });

  it("vaults of two users in one browser are independent", async () => {
    const factory = freshFactory();
    const a = track(testVault(factory, { userId: "u_alice" }));
    const b = track(testVault(factory, { userId: "u_bob" }));
    await a.initialize(PASSWORD);
    expect(await b.ready()).toBe("empty");
    await b.initialize(OTHER_PASSWORD);
    await a.setKey("openai", openai);
    expect(await b.getKey("openai")).toBeNull();
    await b.reset();
    expect(await a.getKey("openai")).toBe(openai);
  });
});

describe("byok-vault: events and disposal", () => {
  it("subscribe delivers state events until unsubscribed; a throwing listener does not break others", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const vault = track(testVault(freshFactory()));
    const seen: VaultEvent[] = [];
    vault.subscribe(() => {
      throw new Error("listener bug");
    });
    const off = vault.subscribe((e) => seen.push(e));
    await vault.ready();
    await vault.initialize(PASSWORD);
    expect(seen).toContainEqual({ type: "state", state: "unlocked" });
    off();
    vault.lock();
    expect(seen).not.toContainEqual({ type: "lock", reason: "manual" });
    expect(consoleError).toHaveBeenCalledWith("byok-vault: a listener threw", "Error");
    consoleError.mockRestore();
  });

  it("a disposed vault holds no key and refuses work", async () => {
    const vault = testVault(freshFactory());
    await vault.initialize(PASSWORD);
    vault.dispose();
    expect(vault.state()).toBe("locked");
    expect(await codeOf(vault.getKey("openai"))).toBe("LOCKED");
    expect(await codeOf(vault.unlock(PASSWORD))).toBe("STORAGE_UNAVAILABLE");
  });
});

describe("byok-vault: error codes", () => {
  it("WRONG_PASSWORD for a wrong password, and the vault stays locked", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    const vault = track(testVault(factory));
    const err = await vault.unlock("not the password!").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe("WRONG_PASSWORD");
    expect(`${(err as VaultError).message} ${(err as VaultError).stack ?? ""}`).not.toContain("not the password!");
    expect(vault.state()).toBe("locked");
  });

  it("LOCKED for every key operation while locked", async () => {
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    vault.lock();
    expect(await codeOf(vault.getKey("openai"))).toBe("LOCKED");
    expect(await codeOf(vault.getKeys(["openai"]))).toBe("LOCKED");
    expect(await codeOf(vault.setKey("openai", openai))).toBe("LOCKED");
    expect(await codeOf(vault.deleteKey("openai"))).toBe("LOCKED");
    expect(await codeOf(vault.listKeys())).toBe("LOCKED");
    expect(await codeOf(vault.exportBackup())).toBe("LOCKED");
  });

  it("NOT_INITIALIZED before a vault exists", async () => {
    const vault = track(testVault(freshFactory()));
    expect(await codeOf(vault.unlock(PASSWORD))).toBe("NOT_INITIALIZED");
    expect(await codeOf(vault.changePassword(PASSWORD, OTHER_PASSWORD))).toBe("NOT_INITIALIZED");
    expect(vault.state()).toBe("empty");
    expect(await codeOf(vault.getKey("openai"))).toBe("NOT_INITIALIZED");
  });

  it("ALREADY_INITIALIZED on a second initialize, also from another object", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    expect(await codeOf(vault.initialize(OTHER_PASSWORD))).toBe("ALREADY_INITIALIZED");
    expect(await codeOf(track(testVault(factory)).initialize(OTHER_PASSWORD))).toBe("ALREADY_INITIALIZED");
    vault.lock();
    await vault.unlock(PASSWORD);
  });

  it("WEAK_PASSWORD below the minimum length, with a clear message", async () => {
    const vault = track(testVault(freshFactory()));
    const err = await vault.initialize("short").catch((e: unknown) => e);
    expect((err as VaultError).code).toBe("WEAK_PASSWORD");
    expect((err as VaultError).message).toMatch(/at least 10 characters/);
    expect(await codeOf(vault.initialize("123456789"))).toBe("WEAK_PASSWORD");
    expect(vault.state()).not.toBe("unlocked");
    await vault.initialize("1234567890");
    expect(await codeOf(vault.changePassword("1234567890", "tiny"))).toBe("WEAK_PASSWORD");
  });

  it("INVALID_KEY_FORMAT for a wrong-shaped key, never echoing it", async () => {
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    for (const [provider, key] of [
      ["openai", anthropic],
      ["anthropic", openai],
      ["gemini", openai],
      ["openai", "hello"],
      ["openai", ""],
    ] as const) {
      const err = (await vault.setKey(provider, key).catch((e: unknown) => e)) as VaultError;
      expect(err.code).toBe("INVALID_KEY_FORMAT");
      if (key) expect(`${err.message} ${err.stack ?? ""}`).not.toContain(key);
    }
    expect(await codeOf(vault.setKey("mistral" as never, openai))).toBe("INVALID_KEY_FORMAT");
    expect(await vault.listKeys()).toEqual([]);
  });

  it("UNSUPPORTED_VERSION for another format version or a KDF downgrade", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    const raw = await openRawDb(factory);
    const original = await raw.getVault("u_test");

    await raw.putVault({ ...original, format: 2 });
    expect(await codeOf(track(testVault(factory)).unlock(PASSWORD))).toBe("UNSUPPORTED_VERSION");

    await raw.putVault({ ...original, kdf: { ...(original.kdf as object), iterations: 99_999 } });
    expect(await codeOf(track(testVault(factory)).unlock(PASSWORD))).toBe("UNSUPPORTED_VERSION");

    await raw.putVault(original);
    await track(testVault(factory)).unlock(PASSWORD);
    raw.close();
    expect(() => testVault(factory, { iterations: 50_000 })).toThrow(TypeError);
  });

  it("STORAGE_UNAVAILABLE without IndexedDB (and importing touches no browser global)", async () => {
    vi.stubGlobal("indexedDB", undefined);
    vi.stubGlobal("BroadcastChannel", undefined);
    vi.resetModules();
    const fresh = await import("~/lib/crypto/byok-vault");
    const vault = fresh.createByokVault({ userId: "u_nostorage" });
    expect(await codeOf(vault.ready())).toBe("STORAGE_UNAVAILABLE");
    expect(await codeOf(vault.initialize(PASSWORD))).toBe("STORAGE_UNAVAILABLE");
  });

  it("createByokVault refuses a malformed user id", () => {
    expect(() => testVault(freshFactory(), { userId: "a:b" })).toThrow(TypeError);
    expect(() => testVault(freshFactory(), { userId: "" })).toThrow(TypeError);
  });
});

describe("byok-vault: failed unlock backoff", () => {
  it("after 5 wrong passwords, attempts wait with exponential backoff (TOO_MANY_ATTEMPTS)", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    let t = 1_000_000;
    const vault = track(testVault(factory, { now: () => t }));
    for (let i = 0; i < 5; i++) expect(await codeOf(vault.unlock("wrong password " + i))).toBe("WRONG_PASSWORD");

    const err = (await vault.unlock(PASSWORD).catch((e: unknown) => e)) as VaultError;
    expect(err.code).toBe("TOO_MANY_ATTEMPTS");
    expect(err.retryAt).toBe(t + 1_000);
    expect(err.retryAfterMs).toBe(1_000);
    expect(vault.state()).toBe("locked");

    t += 1_000;
    expect(await codeOf(vault.unlock("wrong again, sixth"))).toBe("WRONG_PASSWORD");
    const second = (await vault.unlock(PASSWORD).catch((e: unknown) => e)) as VaultError;
    expect(second.code).toBe("TOO_MANY_ATTEMPTS");
    expect(second.retryAfterMs).toBe(2_000);

    t += 2_000;
    await vault.unlock(PASSWORD);
    expect(vault.state()).toBe("unlocked");
    vault.lock();
    expect(await codeOf(vault.unlock("wrong after success"))).toBe("WRONG_PASSWORD");
  });
});

describe("byok-vault: password change and KDF upgrade", () => {
  it("changePassword re-wraps the DEK only: keys stay, old password stops working", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    await vault.setKey("gemini", gemini);
    const raw = await openRawDb(factory);
    const entryBefore = await raw.getEntry("u_test", "openai");
    const vaultBefore = await raw.getVault("u_test");

    expect(await codeOf(vault.changePassword("not the password", OTHER_PASSWORD))).toBe("WRONG_PASSWORD");
    await vault.changePassword(PASSWORD, OTHER_PASSWORD);

    expect(await raw.getEntry("u_test", "openai")).toEqual(entryBefore);
    const vaultAfter = await raw.getVault("u_test");
    expect(vaultAfter.kdf).not.toEqual(vaultBefore.kdf);
    expect(vaultAfter.dek).not.toEqual(vaultBefore.dek);
    raw.close();

    const again = track(testVault(factory));
    expect(await codeOf(again.unlock(PASSWORD))).toBe("WRONG_PASSWORD");
    await again.unlock(OTHER_PASSWORD);
    expect(await again.getKeys(["openai", "gemini"])).toEqual({ openai, gemini });
  });

  it("a 100K vault becomes 600K after the next unlock, with a new salt", async () => {
    const factory = freshFactory();
    const old = track(testVault(factory, { iterations: MIN_ITERATIONS }));
    await old.initialize(PASSWORD);
    await old.setKey("anthropic", anthropic);
    const raw = await openRawDb(factory);
    const before = (await raw.getVault("u_test")).kdf as { iterations: number; salt: string };
    expect(before.iterations).toBe(100_000);

    const current = track(testVault(factory, { iterations: undefined }));
    await current.unlock(PASSWORD);
    const after = (await raw.getVault("u_test")).kdf as { iterations: number; salt: string };
    expect(after.iterations).toBe(DEFAULT_ITERATIONS);
    expect(after.iterations).toBe(600_000);
    expect(after.salt).not.toBe(before.salt);
    raw.close();
    expect(await current.getKey("anthropic")).toBe(anthropic);

    const later = track(testVault(factory, { iterations: undefined }));
    await later.unlock(PASSWORD);
    expect(await later.getKey("anthropic")).toBe(anthropic);
  });
});

describe("byok-vault: backup", () => {
  it("exports a backup with no plaintext and imports it into an empty database", async () => {
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    await vault.setKey("anthropic", anthropic);
    await vault.setKey("gemini", gemini);
    const backup = await vault.exportBackup();
    for (const secret of [openai, anthropic, gemini, PASSWORD]) {
      expect(backup).not.toContain(secret);
      expect(backup).not.toContain(secret.slice(-8));
    }
    expect(JSON.parse(backup)).toMatchObject({ kind: "byok-vault-backup", format: 1, userId: "u_test" });

    const target = track(testVault(freshFactory()));
    expect(await codeOf(target.importBackup(backup, OTHER_PASSWORD))).toBe("WRONG_PASSWORD");
    expect(await target.ready()).toBe("empty");
    await target.importBackup(backup, PASSWORD);
    expect(target.state()).toBe("unlocked");
    expect(await target.getKeys(["openai", "anthropic", "gemini"])).toEqual({ openai, anthropic, gemini });
    target.lock();
    await target.unlock(PASSWORD);
    expect(await target.getKey("gemini")).toBe(gemini);
  });

  it("refuses a backup over an existing vault, for another user, or malformed", async () => {
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    const backup = await vault.exportBackup();
    expect(await codeOf(vault.importBackup(backup, PASSWORD))).toBe("ALREADY_INITIALIZED");

    const stranger = track(testVault(freshFactory(), { userId: "u_other" }));
    const err = (await stranger.importBackup(backup, PASSWORD).catch((e: unknown) => e)) as VaultError;
    expect(err.code).toBe("CORRUPT");
    expect(err.message).toMatch(/another account/);

    const empty = track(testVault(freshFactory()));
    expect(await codeOf(empty.importBackup("not json", PASSWORD))).toBe("CORRUPT");
    expect(await codeOf(empty.importBackup("{}", PASSWORD))).toBe("CORRUPT");
    expect(await codeOf(empty.importBackup(JSON.stringify({ ...JSON.parse(backup), format: 2 }), PASSWORD))).toBe(
      "UNSUPPORTED_VERSION",
    );
    expect(await codeOf(empty.importBackup(JSON.stringify({ ...JSON.parse(backup), entries: "x" }), PASSWORD))).toBe(
      "CORRUPT",
    );
    expect(await codeOf(empty.importBackup("x".repeat(100_000), PASSWORD))).toBe("CORRUPT");
    expect(await empty.ready()).toBe("empty");
  });

  it("a 100K backup is imported as a 600K vault", async () => {
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    const backup = await vault.exportBackup();
    const factory = freshFactory();
    const target = track(testVault(factory, { iterations: undefined }));
    await target.importBackup(backup, PASSWORD);
    const raw = await openRawDb(factory);
    expect(((await raw.getVault("u_test")).kdf as { iterations: number }).iterations).toBe(600_000);
    raw.close();
    expect(await target.getKey("openai")).toBe(openai);
  });
});

describe("byok-vault: concurrency", () => {
  it("concurrent setKey calls lose no write", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    const openaiKeys = [1, 2, 3, 4, 5].map((i) => mintKey("openai", "valid", `concurrent${i}`));
    await Promise.all([
      ...openaiKeys.map((k) => vault.setKey("openai", k)),
      vault.setKey("anthropic", anthropic),
      vault.setKey("gemini", gemini),
    ]);
    expect(await vault.getKeys(["openai", "anthropic", "gemini"])).toEqual({
      openai: openaiKeys[4],
      anthropic,
      gemini,
    });
  });

  it("two vault objects (two tabs) writing different providers at once both persist", async () => {
    const factory = freshFactory();
    const tabA = track(testVault(factory));
    await tabA.initialize(PASSWORD);
    const tabB = track(testVault(factory));
    await tabB.unlock(PASSWORD);
    await Promise.all([
      tabA.setKey("openai", openai),
      tabB.setKey("anthropic", anthropic),
      tabA.setKey("gemini", gemini),
    ]);
    const check = track(testVault(factory));
    await check.unlock(PASSWORD);
    expect(await check.getKeys(["openai", "anthropic", "gemini"])).toEqual({ openai, anthropic, gemini });
  });

  it("a lock while unlock is in flight wins", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    const vault = track(testVault(factory));
    const pending = vault.unlock(PASSWORD);
    vault.lock();
    expect(await codeOf(pending)).toBe("LOCKED");
    expect(vault.state()).toBe("locked");
  });
});

describe("byok-vault: auto-lock", () => {
  it("warns at 29:00, still unlocked at 29:59, locked at 30:00 with reason idle, DEK dropped", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    const lockAt = Date.now() + DEFAULT_IDLE_TIMEOUT_MS;
    const events: VaultEvent[] = [];
    vault.subscribe((e) => events.push(e));

    vi.advanceTimersByTime(DEFAULT_IDLE_TIMEOUT_MS - 60_001);
    expect(events).toEqual([]);
    expect(vault.autoLockWarning()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(events).toEqual([{ type: "auto-lock-warning", lockAt }]);
    expect(vault.autoLockWarning()).toBe(lockAt);
    vi.advanceTimersByTime(59_000);
    expect(vault.state()).toBe("unlocked");
    vi.advanceTimersByTime(1_000);
    expect(events.slice(1)).toEqual([
      { type: "lock", reason: "idle" },
      { type: "state", state: "locked" },
    ]);
    expect(vault.autoLockWarning()).toBeNull();
    expect(vault.state()).toBe("locked");
    expect(await codeOf(vault.getKey("openai"))).toBe("LOCKED");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("user input (touch) and vault use reset the timer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    const start = Date.now();

    vi.advanceTimersByTime(20 * 60_000);
    vault.touch();
    vi.advanceTimersByTime(29 * 60_000 + 59_000);
    expect(vault.state()).toBe("unlocked");
    vi.advanceTimersByTime(1_000);
    expect(vault.state()).toBe("locked");
    expect(Date.now() - start).toBe(50 * 60_000);

    await vault.unlock(PASSWORD);
    const second = Date.now();
    vi.advanceTimersByTime(10 * 60_000);
    expect(await vault.getKey("openai")).toBe(openai);
    vi.advanceTimersByTime(29 * 60_000 + 59_000);
    expect(vault.state()).toBe("unlocked");
    vi.advanceTimersByTime(1_000);
    expect(vault.state()).toBe("locked");
    expect(Date.now() - second).toBe(40 * 60_000);
  });

  it("touch is throttled: calls within a second do not move the deadline", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vault = track(testVault(freshFactory(), { idleTimeoutMs: 10_000 }));
    await vault.initialize(PASSWORD);
    vi.advanceTimersByTime(500);
    vault.touch();
    vi.advanceTimersByTime(9_500);
    expect(vault.state()).toBe("locked");
  });

  it("a locked vault ignores touch", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    vault.lock();
    vault.touch();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("byok-vault: tabs and sign-out", () => {
  it("lock() in one tab locks the other with reason other-tab", async () => {
    const factory = freshFactory();
    const tabA = track(testVault(factory));
    await tabA.initialize(PASSWORD);
    const tabB = track(testVault(factory));
    await tabB.unlock(PASSWORD);
    const locked = nextEvent(tabB, (e) => e.type === "lock");
    tabA.lock();
    expect(await locked).toEqual({ type: "lock", reason: "other-tab" });
    expect(tabB.state()).toBe("locked");
  });

  it("lockAllVaults (sign-out) locks every vault in this tab and others", async () => {
    const factory = freshFactory();
    const tabA = track(testVault(factory));
    await tabA.initialize(PASSWORD);
    const tabB = track(testVault(factory));
    await tabB.unlock(PASSWORD);
    const events: VaultEvent[] = [];
    tabA.subscribe((e) => events.push(e));
    const lockedB = nextEvent(tabB, (e) => e.type === "lock");
    lockAllVaults();
    expect(events[0]).toEqual({ type: "lock", reason: "sign-out" });
    expect(await lockedB).toEqual({ type: "lock", reason: "sign-out" });
    expect([tabA.state(), tabB.state()]).toEqual(["locked", "locked"]);
  });

  it("lockOnSignOut locks this user's vault in other tabs", async () => {
    const factory = freshFactory();
    const tabA = track(testVault(factory));
    await tabA.initialize(PASSWORD);
    const tabB = track(testVault(factory));
    await tabB.unlock(PASSWORD);
    const lockedB = nextEvent(tabB, (e) => e.type === "lock");
    tabA.lockOnSignOut();
    expect(await lockedB).toEqual({ type: "lock", reason: "sign-out" });
  });

  it("a lock for another user leaves this vault open", async () => {
    const factory = freshFactory();
    const alice = track(testVault(factory, { userId: "u_alice" }));
    await alice.initialize(PASSWORD);
    const aliceOtherTab = track(testVault(factory, { userId: "u_alice" }));
    await aliceOtherTab.unlock(PASSWORD);
    const bob = track(testVault(factory, { userId: "u_bob" }));
    await bob.initialize(PASSWORD);
    const aliceLocked = nextEvent(aliceOtherTab, (e) => e.type === "lock");
    alice.lock();
    await aliceLocked;
    expect(aliceOtherTab.state()).toBe("locked");
    expect(bob.state()).toBe("unlocked");
  });

  it("changes and reset in one tab reach the other as events, never as key material", async () => {
    const factory = freshFactory();
    const tabA = track(testVault(factory));
    await tabA.initialize(PASSWORD);
    const tabB = track(testVault(factory));
    await tabB.unlock(PASSWORD);

    const seen: unknown[] = [];
    const spy = new BroadcastChannel("byok-vault");
    spy.onmessage = (e: MessageEvent) => seen.push(e.data);
    (spy as unknown as { unref(): void }).unref();

    const changed = nextEvent(tabB, (e) => e.type === "keys-changed");
    await tabA.setKey("openai", openai);
    await changed;
    expect(await tabB.getKey("openai")).toBe(openai);

    const emptied = nextEvent(tabB, (e) => e.type === "state" && e.state === "empty");
    await tabA.reset();
    await emptied;
    expect(tabB.state()).toBe("empty");
    spy.close();
    expect(seen.length).toBeGreaterThan(0);
    expect(JSON.stringify(seen)).not.toContain(openai.slice(-8));
    for (const message of seen)
      expect(Object.keys(message as object).sort()).toEqual(expect.arrayContaining(["type", "userId"]));
  });
});

describe("byok-vault: storage persistence and secrecy", () => {
  it("asks navigator.storage.persist() on initialize and exposes the answer", async () => {
    const persist = vi.fn(async () => false);
    vi.stubGlobal("navigator", { storage: { persist, persisted: async () => false } });
    const vault = track(testVault(freshFactory()));
    expect(vault.persisted).toBeNull();
    await vault.initialize(PASSWORD);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(vault.persisted).toBe(false);
  });

  it("reports persisted() for an existing vault on ready()", async () => {
    const factory = freshFactory();
    await track(testVault(factory)).initialize(PASSWORD);
    vi.stubGlobal("navigator", { storage: { persist: async () => true, persisted: async () => true } });
    const vault = track(testVault(factory));
    await vault.ready();
    expect(vault.persisted).toBe(true);
  });

  it("raw IndexedDB holds no key, no hint and no password", async () => {
    const factory = freshFactory();
    const vault = track(testVault(factory));
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", openai);
    await vault.setKey("anthropic", anthropic);
    await vault.setKey("gemini", gemini);
    const raw = await openRawDb(factory);
    const dump = JSON.stringify(await raw.dump());
    raw.close();
    for (const secret of [openai, anthropic, gemini, PASSWORD]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(-8));
    }
    expect(dump).not.toMatch(/CryptoKey/);
  });

  it("the in-memory DEK is non-extractable (checked through Web Crypto)", async () => {
    const unwrapKey = vi.spyOn(globalThis.crypto.subtle, "unwrapKey");
    const vault = track(testVault(freshFactory()));
    await vault.initialize(PASSWORD);
    vault.lock();
    await vault.unlock(PASSWORD);
    const keys = await Promise.all(unwrapKey.mock.results.map((r) => r.value as Promise<CryptoKey>));
    unwrapKey.mockRestore();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.extractable === false)).toBe(true);
  });
});
