import type { EmulatorCall } from "@byok/provider-emulator";

/** What a second paid call for one stage says about how the first answer was lost. */
export type DuplicateKind =
  /** No worker had received an answer for the stage yet: killed while the provider computed. */
  | "mid_call"
  /** A worker had received the answer (logged it) but had not stored it when it was killed. */
  | "answer_unstored"
  /** The stage's answer was stored (the worker logged "stage completed") and was paid for again: a bug. */
  | "avoidable";

export interface DuplicateReport {
  paidCalls: number;
  duplicates: number;
  byKind: Record<DuplicateKind, number>;
}

/** When workers logged a stage's answer as received, and as stored (ms epoch, pino's `time`). */
export interface StageEvents {
  received: number[];
  stored: number[];
}

/**
 * Paid calls (status 200) per stage (`stageOf` names it, or null for a call that is not counted);
 * every paid call after a stage's first is a duplicate, judged by what the workers had logged
 * about the stage by the time it was sent.
 */
export function duplicatePaidCalls(
  calls: readonly EmulatorCall[],
  stageOf: (call: EmulatorCall) => string | null,
  events: (stage: string) => StageEvents,
): DuplicateReport {
  const stages = new Map<string, EmulatorCall[]>();
  for (const c of calls) {
    const stage = c.status === 200 ? stageOf(c) : null;
    if (stage !== null) stages.set(stage, [...(stages.get(stage) ?? []), c]);
  }
  const byKind: Record<DuplicateKind, number> = { mid_call: 0, answer_unstored: 0, avoidable: 0 };
  let paidCalls = 0;
  for (const [stage, list] of stages) {
    list.sort((a, b) => a.at - b.at);
    paidCalls += list.length;
    const { received, stored } = events(stage);
    for (const again of list.slice(1)) {
      if (stored.some((t) => t < again.at)) byKind.avoidable++;
      else if (received.some((t) => t < again.at)) byKind.answer_unstored++;
      else byKind.mid_call++;
    }
  }
  return { paidCalls, duplicates: byKind.mid_call + byKind.answer_unstored + byKind.avoidable, byKind };
}

/** A small seeded generator (mulberry32): the same seed gives the same kill schedule. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
