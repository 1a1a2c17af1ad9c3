import { PROVIDER_REGISTRY, describeFailure, failureReasonSchema, type FailureAction, type Provider } from "@byok/types";
import type { TestByokKeyOutput } from "~/components/settings/key-health-view";

/**
 * The answer of a key test made on this page. It says more than the stored health can (what a
 * restricted key may not do, a refusal of the check request itself); the card shows it only while
 * the key's stored health is still the one this test left (`healthAt`).
 */
export interface KeyTestResult {
  ok: boolean;
  message: string;
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

function actionText(action: FailureAction): string {
  switch (action.kind) {
    case "add_credit":
      return ` Add credit or enable billing at ${action.url}.`;
    case "replace_key":
      return ` Create a key at ${action.url}.`;
    case "wait_until":
      return action.until === undefined ? "" : ` Access returns ${new Date(action.until).toUTCString()}.`;
    case "retry_now":
    case "none":
      return "";
  }
}

export function describeKeyTest(output: TestByokKeyOutput, provider: Provider, at: number, healthAt: number | null = null): KeyTestResult {
  const label = PROVIDER_REGISTRY[provider].label;
  if (output.ok) {
    const cannot = output.cannot ?? [];
    if (cannot.length === 0) return { ok: true, message: `OK — your ${label} key works.`, at, healthAt };
    const words = cannot.map((limit) => LIMIT_WORDS[limit]).join(" or ");
    return { ok: true, message: `OK — your ${label} key works, but it is restricted: it may not ${words}.`, at, healthAt };
  }
  const reason = failureReasonSchema.safeParse(output.reason);
  if (!reason.success) return { ok: false, message: output.message, at, healthAt };
  const { message, action } = describeFailure(reason.data, provider);
  return { ok: false, message: `${message}${actionText(output.action ?? action)}`, at, healthAt };
}

/** Our own limit on key tests, not the key's: said neutrally, and the key's status stays as it was. */
export function testCooldownMessage(seconds: number): string {
  return `You have tested keys too often; try again in ${seconds} s.`;
}
