import { PROVIDER_REGISTRY, describeFailure, isFailureReason, type Provider } from "@byok/types";
import type { TestByokKeyOutput } from "~/components/settings/key-health-view";
import { keyAction, type KeyAction } from "~/components/settings/describe-key-health";

/**
 * The answer of a key test made on this page. It says more than the stored health can (what a
 * restricted key may not do, a refusal of the check request itself); the card shows it only while
 * the key's stored health is still the one this test left (`healthAt`).
 */
export interface KeyTestResult {
  ok: boolean;
  message: string;
  /** What to do about a failure, when there is something. */
  action: KeyAction | null;
  /** ms epoch */
  at: number;
  /** The stored health's time right after this test; null when the test left none. */
  healthAt: number | null;
}

type KeyLimit = NonNullable<Extract<TestByokKeyOutput, { ok: true }>["cannot"]>[number];

const LIMIT_WORDS: Record<KeyLimit, string> = {
  list_models: "list models",
  transcription: "transcribe",
  analysis: "analyse transcripts",
};

/** `format` writes a time the way the page does (`formatDateTime`): a "wait until" names one. */
export function describeKeyTest(
  output: TestByokKeyOutput,
  provider: Provider,
  at: number,
  healthAt: number | null,
  format: (ms: number) => string,
): KeyTestResult {
  const label = PROVIDER_REGISTRY[provider].label;
  if (output.ok) {
    const cannot = output.cannot ?? [];
    if (cannot.length === 0) return { ok: true, message: `OK — your ${label} key works.`, action: null, at, healthAt };
    const words = cannot.map((limit) => LIMIT_WORDS[limit]).join(" or ");
    return {
      ok: true,
      message: `OK — your ${label} key works, but it is restricted: it may not ${words}.`,
      action: null,
      at,
      healthAt,
    };
  }
  if (output.reason === "bad_request") {
    // The provider refused the check request, not the key: nothing to fix on the user's side but to retry.
    return {
      ok: false,
      message: `${label} refused our check request itself, so the key was not judged.`,
      action: keyAction({ kind: "retry_now" }, provider, format),
      at,
      healthAt,
    };
  }
  if (!isFailureReason(output.reason)) return { ok: false, message: output.message, action: null, at, healthAt };
  const { message, action } = describeFailure(output.reason, provider);
  return { ok: false, message, action: keyAction(output.action ?? action, provider, format), at, healthAt };
}

/** Our own limit on key tests, not the key's: said neutrally, and the key's status stays as it was. */
export function testCooldownMessage(seconds: number): string {
  return `You have tested keys too often; try again in ${seconds} s.`;
}
