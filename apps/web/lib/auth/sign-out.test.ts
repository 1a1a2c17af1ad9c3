import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The files esbuild pulls in for the sign-out button, as Next would for the browser. */
async function moduleGraph(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(WEB, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "browser",
    jsx: "automatic",
    logLevel: "silent",
    external: ["react", "react/jsx-runtime"],
  });
  return Object.keys(result.metafile.inputs);
}

describe("sign-out in the header", () => {
  it("pulls in neither the vault, idb, zod nor @byok/types", async () => {
    const inputs = await moduleGraph("components/sign-out-button.tsx");
    expect(inputs.some((file) => file.endsWith("lib/crypto/vault-tabs.ts"))).toBe(true);
    const heavy = inputs.filter((file) =>
      /lib\/crypto\/(byok-vault|vault-store|vault-primitives|vault-records)|node_modules\/(idb|zod)\/|packages\/types\/|@byok\/types/.test(
        file,
      ),
    );
    expect(heavy).toEqual([]);
    expect(inputs.length).toBeLessThanOrEqual(4);
  });

  it("the check sees such imports where they are (the vault module itself)", async () => {
    const inputs = await moduleGraph("lib/crypto/byok-vault.ts");
    expect(inputs.some((file) => /node_modules\/.*idb\//.test(file))).toBe(true);
    expect(inputs.some((file) => /packages\/types\//.test(file))).toBe(true);
  });
});
