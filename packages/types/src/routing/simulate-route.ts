import type { FailureReason } from "../failure-reasons";
import type { CallOutcome } from "./failure-moves";
import { type FailedCall, type RouteCandidate, type RouteInput, type RouteStep, nextRouteStep } from "./route-stage";

export type RouteResult =
  | { kind: "ok"; candidate: RouteCandidate; fallbackReason: FailureReason | null }
  | Extract<RouteStep, { kind: "fail" }>;

export interface SimulatedRoute {
  /** Every call the route makes, in order. */
  calls: RouteCandidate[];
  result: RouteResult;
}

/**
 * Runs a stage's route over known or predicted outcomes, without calling anyone: the table test
 * uses it, and the upload screen asks it which key each stage would run on.
 */
export function simulateRoute(
  input: RouteInput,
  outcomeOf: (candidate: RouteCandidate) => CallOutcome,
): SimulatedRoute {
  const calls: RouteCandidate[] = [];
  const failed: FailedCall[] = [];
  for (;;) {
    const step = nextRouteStep(input, failed);
    if (step.kind === "fail") return { calls, result: step };
    calls.push(step.candidate);
    const outcome = outcomeOf(step.candidate);
    if (outcome === "ok")
      return { calls, result: { kind: "ok", candidate: step.candidate, fallbackReason: step.fallbackReason } };
    failed.push({ candidate: step.candidate, reason: outcome });
  }
}
