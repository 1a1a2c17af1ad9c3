import "fake-indexeddb/auto";
import { mintKey } from "@byok/provider-emulator";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptVaultBackup } from "~/e2e/support/vault-node-decrypt";
import { PASSWORD, freshFactory, testVault } from "~/lib/crypto/vault-test-support";

describe("vault interop: a backup decrypts with node:crypto and docs/vault-format.md alone", () => {
  it("recovers every key from a 600K backup", async () => {
    const keys = {
      openai: mintKey("openai", "valid"),
      anthropic: mintKey("anthropic", "valid"),
      gemini: mintKey("gemini", "valid"),
    };
    const vault = testVault(freshFactory(), { userId: "u_interop", iterations: 600_000 });
    await vault.initialize(PASSWORD);
    for (const [provider, key] of Object.entries(keys)) await vault.setKey(provider as keyof typeof keys, key);
    const backup = await vault.exportBackup();
    vault.dispose();

    const opened = decryptVaultBackup(backup, PASSWORD);
    expect(opened.userId).toBe("u_interop");
    expect(opened.iterations).toBe(600_000);
    expect(Object.fromEntries(opened.entries.map((e) => [e.provider, e.key]))).toEqual(keys);
    expect(() => decryptVaultBackup(backup, "not the password at all")).toThrow(/unable to authenticate|auth/i);
  });

  it("decrypts the worked example in docs/vault-format.md, and the vault imports it", async () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../../../docs/vault-format.md"), "utf8");
    const block = /<!-- worked-example:begin -->\s*```json\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const opened = decryptVaultBackup(block!, "correct horse battery");
    const expected = {
      openai: mintKey("openai", "valid", "docexample"),
      gemini: mintKey("gemini", "valid", "docexample"),
    };
    expect(Object.fromEntries(opened.entries.map((e) => [e.provider, e.key]))).toEqual(expected);
    expect(doc).toContain(opened.entries.find((e) => e.provider === "openai")!.createdAt.toString());

    const vault = testVault(freshFactory(), { userId: "u_docexample" });
    await vault.importBackup(block!, "correct horse battery");
    expect(await vault.getKeys(["openai", "gemini"])).toEqual(expected);
    vault.dispose();
  });
});
