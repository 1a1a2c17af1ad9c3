import type { ByokPolicy } from "../byok";
import { type Plan, TASKS, type Task, allowedModels } from "../plans";
import { PROVIDERS, type Provider } from "../providers";
import type { CallOutcome } from "./failure-moves";
import { type KeyHealthOutcome, expectFailure } from "./key-health";
import { type SimulatedRoute, simulateRoute } from "./simulate-route";

export interface CoverageInput {
  plan: Plan;
  policy: ByokPolicy;
  /** Providers whose keys the vault holds; null when the vault is locked (unknown). */
  userProviders: readonly Provider[] | null;
  order?: readonly string[] | null;
  health?: Partial<Record<Provider, { outcome: KeyHealthOutcome; retryAt: number | null }>>;
  now: number;
}

export interface StageCoverage {
  task: Task;
  /** The route the stage is expected to take: the user's keys that are expected to fail are tried and fail. */
  route: SimulatedRoute;
  /** Providers that can do this stage within the plan: what to add a key for when none of the user's can. */
  capable: Provider[];
}

/**
 * What the upload screen says before an upload: for each stage, whose key is expected to pay. It
 * runs the worker's own routing over predicted outcomes: a key whose last outcome was a key problem
 * fails again, every other key works. The browser does not know which platform keys are set, so
 * it assumes all are (the stage says "platform key" without naming a provider).
 */
export function stageCoverage(input: CoverageInput): Record<Task, StageCoverage> {
  const predicted = (provider: Provider): CallOutcome => {
    const health = input.health?.[provider];
    return (health && expectFailure(health, input.now)) ?? "ok";
  };
  const entries = TASKS.map((task): [Task, StageCoverage] => {
    const route = simulateRoute(
      {
        plan: input.plan,
        task,
        policy: input.policy,
        userKeys: input.userProviders === null ? { kind: "none" } : { kind: "keys", providers: input.userProviders },
        platformProviders: PROVIDERS,
        order: input.order ?? null,
      },
      (candidate) => (candidate.keySource === "byok" ? predicted(candidate.provider) : "ok"),
    );
    const capable = PROVIDERS.filter((p) => allowedModels(input.plan, task, p).length > 0);
    return [task, { task, route, capable }];
  });
  return Object.fromEntries(entries) as Record<Task, StageCoverage>;
}
