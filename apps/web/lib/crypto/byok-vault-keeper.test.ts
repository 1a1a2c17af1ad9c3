/**
 * The vault with the key keeper and the shared idle clock: every vault object stands for a page
 * (a tab, or the same tab after a reload), each with its own real MessageChannel to one keeper,
 * and all on the real BroadcastChannel, as in the browser.
 */
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { setImmediate as tick } from "node:timers/promises";
import { mintKey } from "@byok/provider-emulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  DEFAULT_IDLE_TIMEOUT_MS,
  type ByokVault,
  type ByokVaultOptions,
  type VaultEvent,
} from "~/lib/crypto/byok-vault";
import { createVaultKeeper, type KeeperPort, type VaultKeeper } from "~/lib/crypto/vault-keeper";
import { createKeeperLink, type LinkPort } from "~/lib/crypto/vault-keeper-link";
import { lockEveryVault, openTabChannel, type TabChannel } from "~/lib/crypto/vault-tabs";
import { PASSWORD, freshFactory, openRawDb, testVault } from "~/lib/crypto/vault-test-support";

const MINUTE = 60_000;
const openai = mintKey("openai", "valid");
const cleanup: (() => void)[] = [];

afterEach(() => {
  for (const done of cleanup.splice(0).reverse()) done();
  vi.useRealTimers();
});

function startKeeper(): VaultKeeper {
  const keeper = createVaultKeeper({ now: () => Date.now() });
  const channel = openTabChannel((message) => keeper.onTabMessage(message)) as TabChannel;
  cleanup.push(() => channel.close());
  return keeper;
}

/** A page: a vault object with its own link to the keeper. */
function pageVault(
  factory: IDBFactory,
  keeper: VaultKeeper | null,
  overrides: Partial<ByokVaultOptions> = {},
): ByokVault {
  let link = null;
  if (keeper) {
    const { port1, port2 } = new MessageChannel();
    keeper.connect(port2 as unknown as KeeperPort);
    link = createKeeperLink(port1 as unknown as LinkPort, { clientId: Promise.resolve(randomUUID()) });
    cleanup.push(() => {
      port1.close();
      port2.close();
    });
  }
  const vault = testVault(factory, { keeper: link, ...overrides });
  cleanup.push(() => vault.dispose());
  return vault;
}

async function settle() {
  for (let i = 0; i < 10; i++) await tick();
}

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

describe("byok-vault with the key keeper", () => {
  it("a reload or a new tab of the same user opens unlocked, without the password", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    const first = pageVault(factory, keeper);
    await first.initialize(PASSWORD);
    await first.setKey("openai", openai);
    await settle();

    const reloaded = pageVault(factory, keeper);
    expect(await reloaded.ready()).toBe("unlocked");
    expect(await reloaded.getKey("openai")).toBe(openai);
  });

  it("without a keeper (no SharedWorker) every page starts locked, as before", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    await pageVault(factory, keeper).initialize(PASSWORD);
    await settle();
    expect(await pageVault(factory, null).ready()).toBe("locked");
  });

  it("a lock in any tab empties the keeper: the next page asks for the password", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    const first = pageVault(factory, keeper);
    await first.initialize(PASSWORD);
    const second = pageVault(factory, keeper);
    expect(await second.ready()).toBe("unlocked");
    const locked = nextEvent(first, (e) => e.type === "lock");
    second.lock();
    expect(await locked).toEqual({ type: "lock", reason: "other-tab" });
    await settle();
    expect(keeper.heldUsers()).toEqual([]);
    expect(await pageVault(factory, keeper).ready()).toBe("locked");
  });

  it("unlocking in one tab opens the other tabs of that user", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    const first = pageVault(factory, keeper);
    await first.initialize(PASSWORD);
    first.lock();
    await settle();
    const second = pageVault(factory, keeper);
    expect(await second.ready()).toBe("locked");
    const opened = nextEvent(second, (e) => e.type === "state" && e.state === "unlocked");
    await first.unlock(PASSWORD);
    await opened;
    expect(second.state()).toBe("unlocked");
  });

  it("sign-out through the channel alone (no vault code) locks every tab and empties the keeper", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    const first = pageVault(factory, keeper);
    await first.initialize(PASSWORD);
    const locked = nextEvent(first, (e) => e.type === "lock");
    lockEveryVault();
    expect(await locked).toEqual({ type: "lock", reason: "sign-out" });
    await settle();
    expect(keeper.heldUsers()).toEqual([]);
  });

  it("never adopts a DEK of an earlier vault of the same user", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    await pageVault(factory, keeper).initialize(PASSWORD);
    await settle();
    // The vault is replaced behind the keeper's back (as by clearing site data elsewhere).
    const raw = await openRawDb(factory);
    const record = await raw.getVault("u_test");
    await raw.putVault({ ...record, createdAt: (record.createdAt as number) + 1 });
    raw.close();
    const later = pageVault(factory, keeper);
    expect(await later.ready()).toBe("locked");
  });

  it("a damaged vault record is never opened from the keeper: the page starts locked and unlock says CORRUPT", async () => {
    const factory = freshFactory();
    const keeper = startKeeper();
    await pageVault(factory, keeper).initialize(PASSWORD);
    await settle();
    const raw = await openRawDb(factory);
    const record = await raw.getVault("u_test");
    await raw.putVault({ ...record, kdf: "altered" });
    raw.close();
    const later = pageVault(factory, keeper);
    expect(await later.ready()).toBe("locked");
    await expect(later.unlock(PASSWORD)).rejects.toMatchObject({ code: "CORRUPT" });
  });

  it("the idle clock is shared: activity in one tab keeps the others open, and all lock together", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const factory = freshFactory();
    const keeper = startKeeper();
    const busy = pageVault(factory, keeper);
    await busy.initialize(PASSWORD);
    await busy.setKey("openai", openai);
    const idle = pageVault(factory, keeper);
    expect(await idle.ready()).toBe("unlocked");

    vi.advanceTimersByTime(20 * MINUTE);
    busy.touch();
    await settle();
    vi.advanceTimersByTime(DEFAULT_IDLE_TIMEOUT_MS - 1_000);
    expect([busy.state(), idle.state()]).toEqual(["unlocked", "unlocked"]);
    vi.advanceTimersByTime(1_000);
    expect([busy.state(), idle.state()]).toEqual(["locked", "locked"]);
    await settle();
    expect(keeper.heldUsers()).toEqual([]);
  });

  it("a reload does not restart the idle clock: showing the keys is not activity", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const factory = freshFactory();
    const keeper = startKeeper();
    const first = pageVault(factory, keeper);
    await first.initialize(PASSWORD);
    await first.setKey("openai", openai);
    vi.advanceTimersByTime(20 * MINUTE);
    first.dispose();

    const reloaded = pageVault(factory, keeper);
    expect(await reloaded.ready()).toBe("unlocked");
    expect((await reloaded.listKeys()).map((k) => k.provider)).toEqual(["openai"]);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(reloaded.state()).toBe("locked");
  });

  it("a shorter idle time takes effect at once, from the last activity", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const vault = pageVault(freshFactory(), null);
    await vault.initialize(PASSWORD);
    vi.advanceTimersByTime(6 * MINUTE);
    const events: VaultEvent[] = [];
    vault.subscribe((e) => events.push(e));
    vault.setIdleTimeout(5 * MINUTE);
    vi.advanceTimersByTime(0);
    expect(events).toContainEqual({ type: "lock", reason: "idle" });
    expect(() => vault.setIdleTimeout(0)).toThrow(TypeError);
  });
});
