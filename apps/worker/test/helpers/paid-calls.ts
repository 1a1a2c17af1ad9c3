import type { EmulatorCall } from "@byok/provider-emulator";

/** What a second paid call for one stage says about how the first one was lost. */
export type DuplicateKind =
  /** The worker died while the provider computed: the provider bills, no answer ever arrived. */
  | "mid_call"
  /**
   * The second call was sent before the first was answered: two workers ran the stage at once, which
   * happens when a live worker loses its job's lock (BullMQ then hands the job to another).
   */
  | "overlapping"
  /** The answer was written but the worker died before storing it (within `storeWindowMs`). */
  | "answer_unstored"
  /** The answer had arrived well before the kill and was paid for again: a bug. */
  | "avoidable";

export interface DuplicateReport {
  paidCalls: number;
  duplicates: number;
  byKind: Record<DuplicateKind, number>;
}

/**
 * Paid calls (status 200) per stage, where a stage is one key (each recording here has a key of its
 * own) and one endpoint; every paid call after a stage's first is a duplicate, judged by the call
 * before it and the kills in between.
 */
export function duplicatePaidCalls(calls: readonly EmulatorCall[], kills: readonly number[], storeWindowMs: number): DuplicateReport {
  const stages = new Map<string, EmulatorCall[]>();
  for (const c of calls) {
    if (c.status !== 200) continue;
    const key = `${c.keyFingerprint}/${c.endpoint}`;
    stages.set(key, [...(stages.get(key) ?? []), c]);
  }
  const byKind: Record<DuplicateKind, number> = { mid_call: 0, overlapping: 0, answer_unstored: 0, avoidable: 0 };
  let paidCalls = 0;
  for (const list of stages.values()) {
    list.sort((a, b) => a.at - b.at);
    paidCalls += list.length;
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1] as EmulatorCall;
      const again = list[i] as EmulatorCall;
      if (!before.answered || before.answeredAt === null) {
        byKind.mid_call++;
        continue;
      }
      const answeredAt = before.answeredAt;
      if (again.at < answeredAt) {
        byKind.overlapping++;
        continue;
      }
      const kill = kills.find((k) => k >= answeredAt && k <= again.at);
      byKind[kill !== undefined && kill - answeredAt <= storeWindowMs ? "answer_unstored" : "avoidable"]++;
    }
  }
  return { paidCalls, duplicates: byKind.mid_call + byKind.overlapping + byKind.answer_unstored + byKind.avoidable, byKind };
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
