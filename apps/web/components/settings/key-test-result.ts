import { FAILURE_MESSAGES, failureReasonSchema } from "@byok/types";

export interface KeyTestResult {
  ok: boolean;
  message: string;
  /** ms epoch */
  at: number;
}

export type TestByokKeyOutput = { ok: true } | { ok: false; reason: string; message: string };

export function describeKeyTest(output: TestByokKeyOutput, providerLabel: string, at: number): KeyTestResult {
  if (output.ok) return { ok: true, message: `OK — your ${providerLabel} key works.`, at };
  const reason = failureReasonSchema.safeParse(output.reason);
  return { ok: false, message: reason.success ? FAILURE_MESSAGES[reason.data] : output.message, at };
}

/** Our own limit on key tests, not the key's: said neutrally, and the key's status stays as it was. */
export function testCooldownMessage(seconds: number): string {
  return `You have tested keys too often; try again in ${seconds} s.`;
}
