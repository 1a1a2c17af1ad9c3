import { randomBytes } from "node:crypto";
import { PROVIDERS, type Provider } from "@byok/types";
import { BEHAVIOURS, type Behaviour } from "./behaviours";
import { EMULATOR_MODULES } from "./modules";

export { BEHAVIOURS, type Behaviour } from "./behaviours";

// 16 characters at most keeps every Gemini key under 35 characters after "AIza" (real keys have
// exactly 35), so no emulator key can be mistaken for a real one.
const LABEL_PATTERN = /^[A-Za-z0-9_]{1,16}$/;

export class InvalidKeyLabelError extends Error {
  constructor() {
    super("Emulator key labels are 1-16 characters of A-Z, a-z, 0-9 or _.");
    this.name = "InvalidKeyLabelError";
  }
}

export class UnsupportedBehaviourError extends Error {
  constructor(provider: Provider, behaviour: string) {
    super(`The ${provider} emulator has no "${behaviour}" behaviour: the real API has no such state.`);
    this.name = "UnsupportedBehaviourError";
  }
}

/** The behaviours a provider's real API has, and so its emulator keys can carry. */
export function behavioursOf(provider: Provider): readonly Behaviour[] {
  return EMULATOR_MODULES[provider].behaviours;
}

/** A test key whose behaviour is written into it, e.g. `sk-emu-quota-3f9a1c2b7d4e`. Pure: no server needed. */
export function mintKey(provider: Provider, behaviour: Behaviour, label?: string): string {
  const suffix = label ?? randomBytes(6).toString("hex");
  if (!LABEL_PATTERN.test(suffix)) throw new InvalidKeyLabelError();
  if (!behavioursOf(provider).includes(behaviour)) throw new UnsupportedBehaviourError(provider, behaviour);
  return `${EMULATOR_MODULES[provider].keyPrefix}${behaviour}-${suffix}`;
}

/** The behaviour a key was minted with for this provider, or null for any other string. */
export function keyBehaviour(provider: Provider, key: string): Behaviour | null {
  const prefix = EMULATOR_MODULES[provider].keyPrefix;
  // Prefixes never overlap: "sk-emu-" is not the start of "sk-ant-emu-".
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const dash = rest.indexOf("-");
  if (dash < 0) return null;
  const behaviour = rest.slice(0, dash) as Behaviour;
  const label = rest.slice(dash + 1);
  if (!LABEL_PATTERN.test(label)) return null;
  return (BEHAVIOURS as readonly string[]).includes(behaviour) && behavioursOf(provider).includes(behaviour)
    ? behaviour
    : null;
}

/** Every provider whose emulator keys have this behaviour. */
export function providersWith(behaviour: Behaviour): Provider[] {
  return PROVIDERS.filter((p) => behavioursOf(p).includes(behaviour));
}

/** The fingerprint the worker logs too (sha256 hex, first 16 characters). */
export { keyFingerprint } from "@byok/crypto";
