/**
 * byok-vault.ts bundled for the browser, so specs and the benchmark can run the real module in a
 * page of the running app without a test-only route. Injected as an init script (CDP), which the
 * page's CSP does not govern.
 */
import { resolve } from "node:path";
import { build } from "esbuild";
import type * as VaultModule from "~/lib/crypto/byok-vault";
import type * as Primitives from "~/lib/crypto/vault-primitives";

export const VAULT_GLOBAL = "__byokVaultModule";

export type BrowserVaultModule = typeof VaultModule & { primitives: typeof Primitives };

const ENTRY = `
export * from ${JSON.stringify(resolve(import.meta.dirname, "../../lib/crypto/byok-vault.ts"))};
export * as primitives from ${JSON.stringify(resolve(import.meta.dirname, "../../lib/crypto/vault-primitives.ts"))};
`;

let cached: Promise<string> | null = null;

export function bundleVault(): Promise<string> {
  cached ??= build({
    stdin: { contents: ENTRY, resolveDir: resolve(import.meta.dirname, "../.."), loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    globalName: VAULT_GLOBAL,
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
    // Playwright wraps init scripts in a function, so the IIFE's `var` alone would not be global.
    footer: { js: `globalThis.${VAULT_GLOBAL} = ${VAULT_GLOBAL};` },
  }).then((out) => {
    const file = out.outputFiles[0];
    if (!file) throw new Error("esbuild produced no output for the vault bundle");
    return file.text;
  });
  return cached;
}
