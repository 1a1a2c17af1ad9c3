/**
 * The key keeper over real MessageChannels with real non-extractable CryptoKeys, as a page talks
 * to the SharedWorker. Only the Web Lock that tells the keeper a page is gone is played by the
 * test (`leave`); Chromium's own is exercised by journey 10.
 */
import { randomUUID } from "node:crypto";
import { setImmediate as tick } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createVaultKeeper, type KeeperPort, type VaultKeeper } from "~/lib/crypto/vault-keeper";
import { createKeeperLink, type KeeperUserNotice, type LinkPort } from "~/lib/crypto/vault-keeper-link";
import type { HeldKey } from "~/lib/crypto/vault-keeper-protocol";

const MINUTE = 60_000;
const open: MessagePort[] = [];

afterEach(() => {
  for (const port of open.splice(0)) port.close();
  vi.useRealTimers();
});

function setup(options: { graceMs?: number } = {}) {
  const gone = new Map<string, () => void>();
  const keeper = createVaultKeeper({
    now: () => Date.now(),
    graceMs: options.graceMs,
    watchClient: (id, cb) => gone.set(id, cb),
  });
  return { keeper, gone };
}

function page(keeper: VaultKeeper, gone: Map<string, () => void>) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  keeper.connect(port2 as unknown as KeeperPort);
  const clientId = randomUUID();
  const link = createKeeperLink(port1 as unknown as LinkPort, {
    clientId: Promise.resolve(clientId),
    restoreTimeoutMs: 2_000,
  });
  const notices: KeeperUserNotice[] = [];
  return {
    link,
    notices,
    watch(userId: string) {
      link.subscribe(userId, (n) => notices.push(n));
    },
    leave: () => gone.get(clientId)?.(),
  };
}

async function dek(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

async function held(lastActivityAt = Date.now()): Promise<HeldKey> {
  return { dek: await dek(), vaultCreatedAt: 1_764_000_000_000, lastActivityAt };
}

/** Lets messages cross the channels (they are real, asynchronous). */
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}

describe("vault keeper", () => {
  it("hands a held DEK to the next page of the same user, still non-extractable and the same key", async () => {
    const { keeper, gone } = setup();
    const a = page(keeper, gone);
    const b = page(keeper, gone);
    b.watch("u_alice");
    await b.link.restore("u_alice");
    const key = await held();
    a.link.hold("u_alice", key, 30 * MINUTE);
    await settle();
    expect(b.notices).toMatchObject([{ type: "held", userId: "u_alice", vaultCreatedAt: key.vaultCreatedAt }]);

    const restored = await page(keeper, gone).link.restore("u_alice");
    expect(restored).toMatchObject({ vaultCreatedAt: key.vaultCreatedAt, lastActivityAt: key.lastActivityAt });
    expect(restored?.dek.extractable).toBe(false);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key.dek, new TextEncoder().encode("entry"));
    const opened = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, restored!.dek, sealed);
    expect(new TextDecoder().decode(opened)).toBe("entry");
  });

  it("holds nothing for an unknown user, and refuses an extractable key", async () => {
    const { keeper, gone } = setup();
    const a = page(keeper, gone);
    expect(await a.link.restore("u_alice")).toBeNull();
    const extractable = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt"]);
    a.link.hold("u_alice", { dek: extractable, vaultCreatedAt: 1, lastActivityAt: Date.now() }, MINUTE);
    await settle();
    expect(keeper.heldUsers()).toEqual([]);
  });

  it("a lock from a page drops the DEK and tells the other pages of that user", async () => {
    const { keeper, gone } = setup();
    const a = page(keeper, gone);
    const b = page(keeper, gone);
    b.watch("u_alice");
    await b.link.restore("u_alice");
    a.link.hold("u_alice", await held(), 30 * MINUTE);
    await settle();
    a.link.drop("u_alice", "manual");
    await settle();
    expect(b.notices.at(-1)).toEqual({ type: "dropped", userId: "u_alice", reason: "manual" });
    expect(await b.link.restore("u_alice")).toBeNull();
  });

  it("locks, sign-out and activity arrive from the tabs' channel", async () => {
    const { keeper, gone } = setup();
    const a = page(keeper, gone);
    a.link.hold("u_alice", await held(1_000), 30 * MINUTE);
    await settle();
    keeper.onTabMessage({ type: "activity", userId: "u_alice", at: 5_000, idleTimeoutMs: 30 * MINUTE });
    keeper.onTabMessage({ type: "activity", userId: "u_alice", at: 3_000, idleTimeoutMs: 30 * MINUTE });
    expect((await a.link.restore("u_alice"))?.lastActivityAt).toBe(5_000);
    keeper.onTabMessage({ type: "lock", userId: "u_bob", reason: "manual" });
    expect(keeper.heldUsers()).toEqual(["u_alice"]);
    keeper.onTabMessage({ type: "lock", userId: "u_alice", reason: "idle" });
    expect(keeper.heldUsers()).toEqual([]);

    a.link.hold("u_alice", await held(), 30 * MINUTE);
    await settle();
    keeper.onTabMessage({ type: "lock", userId: null, reason: "sign-out" });
    expect(keeper.heldUsers()).toEqual([]);
  });

  it("a page of another account drops every other user's DEK (the account changed)", async () => {
    const { keeper, gone } = setup();
    const alice = page(keeper, gone);
    alice.watch("u_alice");
    alice.link.hold("u_alice", await held(), 30 * MINUTE);
    await settle();
    expect(await page(keeper, gone).link.restore("u_bob")).toBeNull();
    await settle();
    expect(keeper.heldUsers()).toEqual([]);
    expect(alice.notices).toEqual([{ type: "dropped", userId: "u_alice", reason: "account-change" }]);
  });

  it("forgets everything shortly after the last page is gone, unless a page comes back (a reload)", async () => {
    const { keeper, gone } = setup({ graceMs: 200 });
    const a = page(keeper, gone);
    a.link.hold("u_alice", await held(), 30 * MINUTE);
    await settle();
    a.leave();
    const reloaded = page(keeper, gone);
    expect(await reloaded.link.restore("u_alice")).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keeper.heldUsers()).toEqual(["u_alice"]);

    reloaded.leave();
    expect(keeper.heldUsers()).toEqual(["u_alice"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keeper.heldUsers()).toEqual([]);
    expect(await page(keeper, gone).link.restore("u_alice")).toBeNull();
  });

  it("its own auto-lock backstop drops a DEK no page kept alive, and tells the pages", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { keeper, gone } = setup();
    const a = page(keeper, gone);
    a.watch("u_alice");
    a.link.hold("u_alice", await held(), 5 * MINUTE);
    await settle();
    vi.advanceTimersByTime(4 * MINUTE);
    keeper.onTabMessage({ type: "activity", userId: "u_alice", at: Date.now(), idleTimeoutMs: 5 * MINUTE });
    vi.advanceTimersByTime(5 * MINUTE - 1);
    expect(keeper.heldUsers()).toEqual(["u_alice"]);
    vi.advanceTimersByTime(1);
    expect(keeper.heldUsers()).toEqual([]);
    await settle();
    expect(a.notices).toEqual([{ type: "dropped", userId: "u_alice", reason: "idle" }]);
  });

  it("a keeper that never answers (worker failed) means nothing held, after the timeout or at once on failure", async () => {
    const { port1 } = new MessageChannel();
    open.push(port1);
    const link = createKeeperLink(port1 as unknown as LinkPort, {
      clientId: Promise.resolve(null),
      restoreTimeoutMs: 50,
    });
    expect(await link.restore("u_alice")).toBeNull();
    const waiting = link.restore("u_alice");
    link.fail();
    expect(await waiting).toBeNull();
  });
});
