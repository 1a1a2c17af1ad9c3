import { STAGES, type RecordingRecord, type Stage } from "@byok/db";
import { providerSchema, type KeySource, type Provider } from "@byok/types";

/** The call a failed stage's reason came from: whose key, at which provider. */
export interface FailedCall {
  provider: Provider;
  keySource: KeySource;
}

interface CallRow {
  run: number;
  stage: Stage;
  provider: string;
  keySource: KeySource;
  outcome: string;
}

/**
 * A stage stores only its failure's reason (docs/billing.md, "What the stage records"); the ledger
 * knows which call gave it. The first call of the current run with that outcome is the one the
 * stage reported (under "fallback" the platform's first failed call, else the user's first key).
 */
export function failedCallsOf(
  record: Pick<RecordingRecord, "run" | "stages">,
  calls: readonly CallRow[],
): Record<Stage, FailedCall | null> {
  const out = {} as Record<Stage, FailedCall | null>;
  for (const stage of STAGES) {
    const reason = record.stages[stage].error?.reason;
    const ofStage = calls.filter((c) => c.run === record.run && c.stage === stage && c.outcome !== "ok");
    const server = ofStage.filter((c) => c.keySource === "server");
    const match = server.find((c) => c.outcome === reason) ?? ofStage.find((c) => c.outcome === reason) ?? null;
    const provider = match ? providerSchema.safeParse(match.provider) : null;
    out[stage] = match && provider?.success ? { provider: provider.data, keySource: match.keySource } : null;
  }
  return out;
}
