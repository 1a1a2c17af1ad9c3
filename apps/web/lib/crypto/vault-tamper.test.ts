import "fake-indexeddb/auto";
import { mintKey } from "@byok/provider-emulator";
import { PROVIDERS, type Provider } from "@byok/types";
import { beforeAll, describe, expect, it } from "vitest";
import type { IDBFactory } from "fake-indexeddb";
import {
  PASSWORD,
  byteLength,
  codeOf,
  flipByte,
  freshFactory,
  openRawDb,
  testVault,
  type RawDb,
  type RawRecord,
} from "~/lib/crypto/vault-test-support";

const keys: Record<Provider, string> = {
  openai: mintKey("openai", "valid"),
  anthropic: mintKey("anthropic", "valid"),
  gemini: mintKey("gemini", "valid"),
  groq: mintKey("groq", "valid"),
};
const REJECTED = ["CORRUPT", "WRONG_PASSWORD"];

async function seededVault(userId = "u_test"): Promise<{ factory: IDBFactory; raw: RawDb }> {
  const factory = freshFactory();
  const vault = testVault(factory, { userId });
  await vault.initialize(PASSWORD);
  for (const provider of PROVIDERS) await vault.setKey(provider, keys[provider]);
  vault.dispose();
  return { factory, raw: await openRawDb(factory) };
}

describe("tamper sweep: every byte of every stored salt, IV, wrapped key and ciphertext", () => {
  let factory: IDBFactory;
  let raw: RawDb;
  let original: RawRecord;

  beforeAll(async () => {
    ({ factory, raw } = await seededVault());
    original = await raw.getVault("u_test");
  });

  const vaultFields: [string, (r: RawRecord) => string, (r: RawRecord, v: string) => RawRecord][] = [
    ["kdf.salt", (r) => (r.kdf as { salt: string }).salt, (r, v) => ({ ...r, kdf: { ...(r.kdf as object), salt: v } })],
    ["dek.iv", (r) => (r.dek as { iv: string }).iv, (r, v) => ({ ...r, dek: { ...(r.dek as object), iv: v } })],
    [
      "dek.wrapped",
      (r) => (r.dek as { wrapped: string }).wrapped,
      (r, v) => ({ ...r, dek: { ...(r.dek as object), wrapped: v } }),
    ],
  ];

  for (const [name, read, write] of vaultFields) {
    it(`vault record ${name}: each flipped byte fails unlock (never opens)`, async () => {
      const field = read(original);
      const length = byteLength(field);
      for (let i = 0; i < length; i++) {
        await raw.putVault(write(original, flipByte(field, i)));
        const vault = testVault(factory);
        const code = await codeOf(vault.unlock(PASSWORD));
        expect(vault.state()).toBe("locked");
        vault.dispose();
        expect(REJECTED, `${name} byte ${i}`).toContain(code);
      }
      await raw.putVault(original);
      expect(length).toBe(name === "kdf.salt" ? 16 : name === "dek.iv" ? 12 : 48);
    });
  }

  for (const provider of PROVIDERS) {
    it(`${provider} entry iv and ct: each flipped byte gives CORRUPT, never another plaintext`, async () => {
      const vault = testVault(factory);
      await vault.unlock(PASSWORD);
      const entry = await raw.getEntry("u_test", provider);
      let swept = 0;
      for (const field of ["iv", "ct"] as const) {
        const value = entry[field] as string;
        for (let i = 0; i < byteLength(value); i++) {
          await raw.putEntry({ ...entry, [field]: flipByte(value, i) });
          expect(await codeOf(vault.getKey(provider)), `${provider}.${field} byte ${i}`).toBe("CORRUPT");
          swept += 1;
        }
      }
      expect(await codeOf(vault.listKeys())).toBe("CORRUPT");
      expect(await codeOf(vault.exportBackup())).toBe("CORRUPT");
      await raw.putEntry(entry);
      expect(await vault.getKey(provider)).toBe(keys[provider]);
      vault.dispose();
      expect(swept).toBeGreaterThan(12 + 16);
    });
  }

  it("truncated or non-base64url fields, wrong field types and unknown fields give CORRUPT", async () => {
    const vault = testVault(factory);
    await vault.unlock(PASSWORD);
    const entry = await raw.getEntry("u_test", "openai");
    for (const bad of [
      { ...entry, ct: (entry.ct as string).slice(0, -4) },
      { ...entry, ct: "AAAA" },
      { ...entry, iv: (entry.iv as string).slice(1) },
      { ...entry, iv: "not base64!!" },
      { ...entry, ct: 42 },
      { ...entry, extra: "x" },
    ]) {
      await raw.putEntry(bad);
      expect(await codeOf(vault.getKey("openai"))).toBe("CORRUPT");
    }
    await raw.putEntry(entry);
    vault.dispose();

    for (const bad of [
      { ...original, dek: { ...(original.dek as object), wrapped: "AAAA" } },
      { ...original, kdf: { ...(original.kdf as object), salt: 7 } },
      { ...original, kdf: { ...(original.kdf as object), name: "scrypt" } },
    ]) {
      await raw.putVault(bad);
      const v = testVault(factory);
      expect(await codeOf(v.unlock(PASSWORD))).toBe("CORRUPT");
      v.dispose();
    }
    await raw.putVault(original);
  });

  it("a raised iteration count is not a way in: WRONG_PASSWORD", async () => {
    await raw.putVault({ ...original, kdf: { ...(original.kdf as object), iterations: 100_001 } });
    const v = testVault(factory);
    expect(await codeOf(v.unlock(PASSWORD))).toBe("WRONG_PASSWORD");
    v.dispose();
    await raw.putVault(original);
  });
});

describe("swapped records", () => {
  it("between providers of one vault: CORRUPT (the AAD names the provider)", async () => {
    const { factory, raw } = await seededVault();
    const vault = testVault(factory);
    await vault.unlock(PASSWORD);
    const openaiEntry = await raw.getEntry("u_test", "openai");
    const anthropicEntry = await raw.getEntry("u_test", "anthropic");

    await raw.putEntry({ ...anthropicEntry, iv: openaiEntry.iv, ct: openaiEntry.ct });
    expect(await codeOf(vault.getKey("anthropic"))).toBe("CORRUPT");
    await raw.putEntry({ ...openaiEntry, provider: "anthropic" });
    expect(await codeOf(vault.getKey("anthropic"))).toBe("CORRUPT");

    await raw.putEntry(anthropicEntry);
    expect(await vault.getKey("anthropic")).toBe(keys.anthropic);
    vault.dispose();
    raw.close();
  });

  it("between users: an entry from another user's vault gives CORRUPT, even with fields rewritten", async () => {
    const factory = freshFactory();
    const alice = testVault(factory, { userId: "u_alice" });
    await alice.initialize(PASSWORD);
    await alice.setKey("openai", keys.openai);
    const bob = testVault(factory, { userId: "u_bob" });
    await bob.initialize(PASSWORD);
    await bob.setKey("openai", mintKey("openai", "valid"));
    const raw = await openRawDb(factory);
    const aliceEntry = await raw.getEntry("u_alice", "openai");
    const bobEntry = await raw.getEntry("u_bob", "openai");

    await raw.putEntry({ ...bobEntry, iv: aliceEntry.iv, ct: aliceEntry.ct });
    expect(await codeOf(bob.getKey("openai"))).toBe("CORRUPT");
    expect(await codeOf(bob.listKeys())).toBe("CORRUPT");

    await raw.putEntry(bobEntry);
    expect(await bob.getKey("openai")).not.toBe(keys.openai);
    alice.dispose();
    bob.dispose();
    raw.close();
  });

  it("a vault record pasted under another user never opens: the same password and DEK still fail", async () => {
    const { factory, raw } = await seededVault("u_alice");
    const aliceVault = await raw.getVault("u_alice");

    await raw.putVault({ ...aliceVault, userId: "u_mallory" });
    const mallory = testVault(factory, { userId: "u_mallory" });
    expect(await codeOf(mallory.unlock(PASSWORD))).toBe("WRONG_PASSWORD");
    mallory.dispose();

    const aliceEntry = await raw.getEntry("u_alice", "openai");
    await raw.putEntry({ ...aliceEntry, userId: "u_mallory" });
    const stillAlice = testVault(factory, { userId: "u_alice" });
    await stillAlice.unlock(PASSWORD);
    expect(await stillAlice.getKey("openai")).toBe(keys.openai);
    stillAlice.dispose();
    raw.close();
  });
});

describe("tampered backups", () => {
  it("a flipped byte in any field of a backup (first, middle and last byte) is refused", async () => {
    const vault = testVault(freshFactory());
    await vault.initialize(PASSWORD);
    await vault.setKey("openai", keys.openai);
    const backup = JSON.parse(await vault.exportBackup()) as {
      kdf: { salt: string };
      dek: { iv: string; wrapped: string };
      entries: { iv: string; ct: string }[];
    };
    vault.dispose();
    const fields: [string, (b: typeof backup) => { get: () => string; set: (v: string) => void }][] = [
      ["kdf.salt", (b) => ({ get: () => b.kdf.salt, set: (v) => void (b.kdf.salt = v) })],
      ["dek.iv", (b) => ({ get: () => b.dek.iv, set: (v) => void (b.dek.iv = v) })],
      ["dek.wrapped", (b) => ({ get: () => b.dek.wrapped, set: (v) => void (b.dek.wrapped = v) })],
      ["entries[0].iv", (b) => ({ get: () => b.entries[0]!.iv, set: (v) => void (b.entries[0]!.iv = v) })],
      ["entries[0].ct", (b) => ({ get: () => b.entries[0]!.ct, set: (v) => void (b.entries[0]!.ct = v) })],
    ];
    for (const [name, access] of fields) {
      const length = byteLength(access(backup).get());
      for (const i of [0, Math.floor(length / 2), length - 1]) {
        const copy = structuredClone(backup);
        const field = access(copy);
        field.set(flipByte(field.get(), i));
        const target = testVault(freshFactory());
        expect(REJECTED, `${name} byte ${i}`).toContain(
          await codeOf(target.importBackup(JSON.stringify(copy), PASSWORD)),
        );
        expect(await target.ready()).toBe("empty");
        target.dispose();
      }
    }
  });
});
