import { randomBytes } from "node:crypto";
import { mintKey, type Behaviour } from "@byok/provider-emulator";
import type { Provider } from "@byok/types";

/** Every key a test file minted, so one sweep can prove none of them left the server anywhere. */
export class MintedKeys {
  readonly all = new Set<string>();

  /** A fresh emulator key; the hint only helps a human reading a failure. */
  mint(provider: Provider, behaviour: Behaviour, hint = "k"): string {
    const label = `${hint.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 7)}_${randomBytes(4).toString("hex")}`;
    const key = mintKey(provider, behaviour, label);
    this.all.add(key);
    return key;
  }

  /** The minted keys that appear in `text` (expected: none). */
  foundIn(text: string): string[] {
    return [...this.all].filter((key) => text.includes(key));
  }
}
