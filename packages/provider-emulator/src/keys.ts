import { randomBytes } from "node:crypto";
import type { Provider } from "@byok/types";

export const BEHAVIOURS = ["valid", "invalid", "quota", "ratelimit", "error", "slow"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const KEY_PREFIX: Record<Provider, string> = {
  openai: "sk-emu-",
  anthropic: "sk-ant-emu-",
  gemini: "AIza-emu-",
};

// 16 characters at most keeps every Gemini key under 35 characters after "AIza" (real keys have
// exactly 35), so no emulator key can be mistaken for a real one.
const LABEL_PATTERN = /^[A-Za-z0-9_]{1,16}$/;

export class InvalidKeyLabelError extends Error {
  constructor() {
    super("Emulator key labels are 1-16 characters of A-Z, a-z, 0-9 or _.");
    this.name = "InvalidKeyLabelError";
  }
}

/** A test key whose behaviour is written into it, e.g. `sk-emu-quota-3f9a1c2b7d4e`. Pure: no server needed. */
export function mintKey(provider: Provider, behaviour: Behaviour, label?: string): string {
  const suffix = label ?? randomBytes(6).toString("hex");
  if (!LABEL_PATTERN.test(suffix)) throw new InvalidKeyLabelError();
  return `${KEY_PREFIX[provider]}${behaviour}-${suffix}`;
}

/** The behaviour a key was minted with for this provider, or null for any other string. */
export function keyBehaviour(provider: Provider, key: string): Behaviour | null {
  const prefix = KEY_PREFIX[provider];
  // "sk-emu-" is also the start of no Anthropic key ("sk-ant-emu-"), so prefixes never overlap.
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const dash = rest.indexOf("-");
  if (dash < 0) return null;
  const behaviour = rest.slice(0, dash);
  const label = rest.slice(dash + 1);
  if (!LABEL_PATTERN.test(label)) return null;
  return (BEHAVIOURS as readonly string[]).includes(behaviour) ? (behaviour as Behaviour) : null;
}

/** The fingerprint the worker logs too (sha256 hex, first 16 characters). */
export { keyFingerprint } from "@byok/crypto";

/**
 * OpenAI's own masking in its 401 message keeps the first 8 and last 4 characters. Shorter strings
 * keep only their first quarter, so a mask never spells out most of a key.
 */
export function maskLikeOpenAi(key: string): string {
  if (key.length >= 24) return `${key.slice(0, 8)}*****${key.slice(-4)}`;
  return `${key.slice(0, Math.floor(key.length / 4))}*****`;
}
