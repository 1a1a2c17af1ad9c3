import { describe, expect, it } from "vitest";
import { BYOK_POLICIES, type ByokPolicy } from "../byok";
import { PLANS, PLAN_MAX_TIER, type Plan, TASKS, type Task, allowedModels } from "../plans";
import { PROVIDERS, type Provider } from "../providers";
import { type CallFailureReason, type CallOutcome, isTransientCallReason } from "./failure-moves";
import { completeProviderOrder } from "./provider-order";
import type { RouteCandidate, RouteInput, UserKeys } from "./route-stage";
import { type SimulatedRoute, simulateRoute } from "./simulate-route";

/** `byok:openai` / `server:gemini` → outcome; anything unnamed answers ok. */
type Outcomes = Partial<Record<`${"byok" | "server"}:${Provider}`, CallOutcome>>;

const label = (c: RouteCandidate) => `${c.keySource}:${c.provider}/${c.model}`;

function run(
  input: Partial<RouteInput> & { plan: Plan; task: Task; policy: ByokPolicy },
  outcomes: Outcomes = {},
): SimulatedRoute {
  return simulateRoute(
    { userKeys: { kind: "none" }, platformProviders: PROVIDERS, ...input },
    (c) => outcomes[`${c.keySource}:${c.provider}`] ?? "ok",
  );
}

const keys = (...providers: Provider[]): UserKeys => ({ kind: "keys", providers });
const best = (plan: Plan, task: Task, provider: Provider) => allowedModels(plan, task, provider)[0]?.id;

interface Row {
  name: string;
  plan: Plan;
  task: Task;
  policy: ByokPolicy;
  userKeys: UserKeys;
  platformProviders?: Provider[];
  order?: Provider[];
  outcomes?: Outcomes;
  calls: string[];
  result:
    { kind: "ok"; by: string; fallbackReason: string | null } | { kind: "fail"; reason: string; retryable: boolean };
}

const ROWS: Row[] = [
  {
    name: "a Gemini key alone transcribes on Gemini",
    plan: "start",
    task: "stt",
    policy: "fallback",
    userKeys: keys("gemini"),
    calls: ["byok:gemini/gemini-2.0-flash-lite"],
    result: { kind: "ok", by: "byok:gemini", fallbackReason: null },
  },
  {
    name: "a Gemini key alone transcribes on Gemini under byok_only too",
    plan: "start",
    task: "stt",
    policy: "byok_only",
    userKeys: keys("gemini"),
    calls: ["byok:gemini/gemini-2.0-flash-lite"],
    result: { kind: "ok", by: "byok:gemini", fallbackReason: null },
  },
  {
    name: "an OpenAI key out of quota moves to the user's Gemini key, not the platform",
    plan: "pro",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai", "gemini"),
    outcomes: { "byok:openai": "quota_exceeded" },
    calls: ["byok:openai/gpt-4.1", "byok:gemini/gemini-2.5-pro"],
    result: { kind: "ok", by: "byok:gemini", fallbackReason: null },
  },
  {
    name: "the same under byok_only",
    plan: "pro",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("openai", "gemini"),
    outcomes: { "byok:openai": "quota_exceeded" },
    calls: ["byok:openai/gpt-4.1", "byok:gemini/gemini-2.5-pro"],
    result: { kind: "ok", by: "byok:gemini", fallbackReason: null },
  },
  {
    name: "every user key failing permanently: the platform pays last, on the provider the user's first key failed on",
    plan: "pro",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("gemini", "openai"),
    outcomes: { "byok:openai": "invalid_key", "byok:gemini": "billing_required" },
    calls: ["byok:openai/gpt-4.1", "byok:gemini/gemini-2.5-pro", "server:openai/gpt-4.1"],
    result: { kind: "ok", by: "server:openai", fallbackReason: "invalid_key" },
  },
  {
    name: "every user key failing under byok_only: the first key's reason, no platform call",
    plan: "pro",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("openai", "gemini"),
    outcomes: { "byok:openai": "account_disabled", "byok:gemini": "permission_denied" },
    calls: ["byok:openai/gpt-4.1", "byok:gemini/gemini-2.5-pro"],
    result: { kind: "fail", reason: "account_disabled", retryable: false },
  },
  {
    name: "a region refusal skips that provider's platform key",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai"),
    outcomes: { "byok:openai": "region_unsupported" },
    calls: ["byok:openai/gpt-4.1-mini", "server:anthropic/claude-haiku-4-5"],
    result: { kind: "ok", by: "server:anthropic", fallbackReason: "region_unsupported" },
  },
  {
    name: "a region refusal in transcription goes to the next provider that transcribes",
    plan: "start",
    task: "stt",
    policy: "fallback",
    userKeys: keys("openai"),
    outcomes: { "byok:openai": "region_unsupported" },
    calls: ["byok:openai/whisper-1", "server:gemini/gemini-2.0-flash-lite"],
    result: { kind: "ok", by: "server:gemini", fallbackReason: "region_unsupported" },
  },
  {
    name: "a region refusal moves to the user's next provider first",
    plan: "start",
    task: "stt",
    policy: "byok_only",
    userKeys: keys("openai", "groq"),
    outcomes: { "byok:openai": "region_unsupported" },
    calls: ["byok:openai/whisper-1", `byok:groq/${best("start", "stt", "groq")}`],
    result: { kind: "ok", by: "byok:groq", fallbackReason: null },
  },
  {
    name: "a malformed request fails the stage at once (fallback)",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai", "gemini"),
    outcomes: { "byok:openai": "bad_request" },
    calls: ["byok:openai/gpt-4.1-mini"],
    result: { kind: "fail", reason: "bad_request", retryable: false },
  },
  {
    name: "a malformed platform request fails the stage too",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: { kind: "none" },
    outcomes: { "server:openai": "bad_request" },
    calls: ["server:openai/gpt-4.1-mini"],
    result: { kind: "fail", reason: "bad_request", retryable: false },
  },
  {
    name: "a rate-limited key moves on to the user's next key",
    plan: "start",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("openai", "gemini"),
    outcomes: { "byok:openai": "rate_limited" },
    calls: ["byok:openai/gpt-4.1-mini", "byok:gemini/gemini-2.0-flash"],
    result: { kind: "ok", by: "byok:gemini", fallbackReason: null },
  },
  {
    name: "a transient failure of the only key under byok_only fails the stage as retryable",
    plan: "start",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("openai"),
    outcomes: { "byok:openai": "timeout" },
    calls: ["byok:openai/gpt-4.1-mini"],
    result: { kind: "fail", reason: "timeout", retryable: true },
  },
  {
    name: "a transient failure of the only key under fallback: the platform pays and says why",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai"),
    outcomes: { "byok:openai": "provider_unavailable" },
    calls: ["byok:openai/gpt-4.1-mini", "server:openai/gpt-4.1-mini"],
    result: { kind: "ok", by: "server:openai", fallbackReason: "provider_unavailable" },
  },
  {
    name: "without a platform key, the user's own failure is the stage's reason",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai"),
    platformProviders: [],
    outcomes: { "byok:openai": "quota_exceeded" },
    calls: ["byok:openai/gpt-4.1-mini"],
    result: { kind: "fail", reason: "quota_exceeded", retryable: false },
  },
  {
    name: "neither a user key nor a platform key",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: { kind: "none" },
    platformProviders: [],
    calls: [],
    result: { kind: "fail", reason: "no_server_key", retryable: false },
  },
  {
    name: "no keys brought, fallback: the platform pays with no reason to give",
    plan: "business",
    task: "analysis",
    policy: "fallback",
    userKeys: { kind: "none" },
    calls: ["server:openai/o3"],
    result: { kind: "ok", by: "server:openai", fallbackReason: null },
  },
  {
    name: "no keys brought, byok_only: no_user_key before any call",
    plan: "business",
    task: "analysis",
    policy: "byok_only",
    userKeys: { kind: "none" },
    calls: [],
    result: { kind: "fail", reason: "no_user_key", retryable: false },
  },
  {
    name: "an Anthropic key cannot transcribe: byok_only fails with no_user_key",
    plan: "pro",
    task: "stt",
    policy: "byok_only",
    userKeys: keys("anthropic"),
    calls: [],
    result: { kind: "fail", reason: "no_user_key", retryable: false },
  },
  {
    name: "an Anthropic key cannot transcribe: under fallback the platform pays, and says why",
    plan: "pro",
    task: "stt",
    policy: "fallback",
    userKeys: keys("anthropic"),
    calls: ["server:openai/whisper-1"],
    result: { kind: "ok", by: "server:openai", fallbackReason: "no_user_key" },
  },
  {
    name: "expired keys under byok_only: a failure, never a platform call",
    plan: "pro",
    task: "analysis",
    policy: "byok_only",
    userKeys: { kind: "unavailable", reason: "byok_expired" },
    calls: [],
    result: { kind: "fail", reason: "byok_expired", retryable: false },
  },
  {
    name: "expired keys under fallback: the platform pays, byok_expired",
    plan: "pro",
    task: "analysis",
    policy: "fallback",
    userKeys: { kind: "unavailable", reason: "byok_expired" },
    calls: ["server:openai/gpt-4.1"],
    result: { kind: "ok", by: "server:openai", fallbackReason: "byok_expired" },
  },
  {
    name: "the user's order decides which key goes first",
    plan: "start",
    task: "stt",
    policy: "fallback",
    userKeys: keys("openai", "gemini", "groq"),
    order: ["groq", "gemini"],
    calls: [`byok:groq/${best("start", "stt", "groq")}`],
    result: { kind: "ok", by: "byok:groq", fallbackReason: null },
  },
  {
    name: "the user's order, then the default order for providers it leaves out",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai", "anthropic", "gemini"),
    order: ["gemini"],
    outcomes: { "byok:gemini": "quota_exceeded" },
    calls: ["byok:gemini/gemini-2.0-flash", "byok:openai/gpt-4.1-mini"],
    result: { kind: "ok", by: "byok:openai", fallbackReason: null },
  },
  {
    name: "a failing platform key moves to the platform's next provider",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: { kind: "none" },
    outcomes: { "server:openai": "invalid_key" },
    calls: ["server:openai/gpt-4.1-mini", "server:anthropic/claude-haiku-4-5"],
    result: { kind: "ok", by: "server:anthropic", fallbackReason: null },
  },
  {
    name: "the platform's only key failing transiently: retryable, with the platform's reason",
    plan: "pro",
    task: "stt",
    policy: "fallback",
    userKeys: { kind: "none" },
    platformProviders: ["openai"],
    outcomes: { "server:openai": "provider_unavailable" },
    calls: ["server:openai/whisper-1"],
    result: { kind: "fail", reason: "provider_unavailable", retryable: true },
  },
  {
    name: "a user's rate limit makes the stage retryable even when the platform's key is broken",
    plan: "start",
    task: "analysis",
    policy: "fallback",
    userKeys: keys("openai"),
    platformProviders: ["openai"],
    outcomes: { "byok:openai": "rate_limited", "server:openai": "invalid_key" },
    calls: ["byok:openai/gpt-4.1-mini", "server:openai/gpt-4.1-mini"],
    result: { kind: "fail", reason: "invalid_key", retryable: true },
  },
  {
    name: "free plan: a user's Anthropic key stays within tier 1",
    plan: "free",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("anthropic"),
    calls: ["byok:anthropic/claude-haiku-4-5"],
    result: { kind: "ok", by: "byok:anthropic", fallbackReason: null },
  },
  {
    name: "business plan: a user's Anthropic key reaches tier 3",
    plan: "business",
    task: "analysis",
    policy: "byok_only",
    userKeys: keys("anthropic"),
    calls: ["byok:anthropic/claude-opus-4-7"],
    result: { kind: "ok", by: "byok:anthropic", fallbackReason: null },
  },
];

describe("routing table: plan × policy × the user's keys × outcomes", () => {
  it.each(ROWS)("$name", (row) => {
    const { calls, result } = run(row, row.outcomes);
    expect(calls.map(label)).toEqual(row.calls);
    if (row.result.kind === "ok") {
      expect(result.kind).toBe("ok");
      if (result.kind !== "ok") return;
      expect(`${result.candidate.keySource}:${result.candidate.provider}`).toBe(row.result.by);
      expect(result.fallbackReason).toBe(row.result.fallbackReason);
    } else {
      expect(result).toMatchObject({ kind: "fail", reason: row.result.reason, retryable: row.result.retryable });
    }
  });
});

/** Representative outcomes: success, a key problem, a region refusal, a transient failure, a malformed request. */
const SAMPLE_OUTCOMES: CallOutcome[] = ["ok", "quota_exceeded", "region_unsupported", "rate_limited", "bad_request"];

function* subsets<T>(items: readonly T[]): Generator<T[]> {
  for (let mask = 0; mask < 1 << items.length; mask++) yield items.filter((_, i) => mask & (1 << i));
}

function* assignments(providers: Provider[]): Generator<Outcomes> {
  if (providers.length === 0) {
    yield {};
    return;
  }
  const [first, ...rest] = providers as [Provider, ...Provider[]];
  for (const tail of assignments(rest)) for (const o of SAMPLE_OUTCOMES) yield { ...tail, [`byok:${first}`]: o };
}

/** Every rule the routing promises, checked on one simulated route; returns what it broke. */
function brokenRules(
  plan: Plan,
  policy: ByokPolicy,
  task: Task,
  owned: Provider[],
  outcomes: Outcomes,
  order: Provider[] | undefined,
  route: SimulatedRoute = run(
    { plan, task, policy, userKeys: owned.length ? keys(...owned) : { kind: "none" }, order },
    outcomes,
  ),
): string[] {
  const { calls, result } = route;
  const broken: string[] = [];
  const rule = (ok: boolean, name: string) => {
    if (!ok)
      broken.push(
        `${name}: ${plan} ${policy} ${task} keys=[${owned}] order=${order} ${JSON.stringify(outcomes)} → ${calls.map(label)} ${JSON.stringify(result)}`,
      );
  };
  const outcomeOf = (c: RouteCandidate) => outcomes[`${c.keySource}:${c.provider}`] ?? "ok";
  const user = calls.filter((c) => c.keySource === "byok");
  const server = calls.filter((c) => c.keySource === "server");
  const capable = completeProviderOrder(order).filter((p) => owned.includes(p) && best(plan, task, p));
  const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

  rule(policy === "fallback" || server.length === 0, "byok_only: the platform never pays");
  rule(same(calls.slice(0, user.length), user), "every user key before any platform key");
  rule(
    same(
      user.map((c) => c.provider),
      capable.slice(0, user.length),
    ),
    "the user's keys in the user's order",
  );
  rule(
    calls.every((c) => c.model === best(plan, task, c.provider) && c.tier <= PLAN_MAX_TIER[plan]),
    "each provider's best model within the plan",
  );
  rule(
    calls.every(
      (c, i) => outcomeOf(c) !== "region_unsupported" || !calls.slice(i + 1).some((l) => l.provider === c.provider),
    ),
    "nothing goes to a provider after it refused our region",
  );
  const bad = calls.findIndex((c) => outcomeOf(c) === "bad_request");
  rule(
    bad < 0 ||
      (bad === calls.length - 1 && result.kind === "fail" && result.reason === "bad_request" && !result.retryable),
    "a malformed request ends the stage",
  );
  rule(
    server.length === 0 ||
      capable.every((p) => {
        const tried = user.find((c) => c.provider === p);
        return tried
          ? outcomeOf(tried) !== "ok"
          : calls.some((c) => c.provider === p && outcomeOf(c) === "region_unsupported");
      }),
    "the platform pays only when no key of the user's would have done it",
  );
  if (capable.length === 0 && policy === "byok_only")
    rule(
      result.kind === "fail" && result.reason === "no_user_key" && calls.length === 0,
      "byok_only without a usable key: no_user_key before any call",
    );
  if (capable.length === 0 && policy === "fallback" && result.kind === "ok")
    rule(result.fallbackReason === (owned.length ? "no_user_key" : null), "fallback without a usable key says so");
  if (result.kind === "ok")
    rule(result.candidate === calls.at(-1) && outcomeOf(result.candidate) === "ok", "success is the last call");
  if (result.kind === "fail" && bad < 0) {
    rule(
      result.retryable === calls.some((c) => isTransientCallReason(outcomeOf(c) as CallFailureReason)),
      "retryable exactly when a call failed transiently",
    );
  }
  return broken;
}

describe("routing invariants over every plan, policy, task, key set and outcome", () => {
  const ORDERS: (Provider[] | undefined)[] = [undefined, ["groq", "gemini", "anthropic", "openai"]];
  const PLATFORM: Outcomes[] = [{}, Object.fromEntries(PROVIDERS.map((p) => [`server:${p}`, "invalid_key"]))];

  it("holds for all of them", () => {
    const broken: string[] = [];
    let routes = 0;
    for (const plan of PLANS)
      for (const policy of BYOK_POLICIES)
        for (const task of TASKS)
          for (const order of ORDERS)
            for (const owned of subsets(PROVIDERS))
              for (const userOutcomes of assignments(owned))
                for (const platformOutcomes of PLATFORM) {
                  routes++;
                  if (broken.length < 5)
                    broken.push(
                      ...brokenRules(plan, policy, task, owned, { ...userOutcomes, ...platformOutcomes }, order),
                    );
                }
    expect(broken).toEqual([]);
    expect(routes).toBeGreaterThan(40_000);
  });

  it("notices routes that break the rules (the checker can fail)", () => {
    const openai = { provider: "openai", model: "gpt-4.1", tier: 2 } as const;
    const gemini = { provider: "gemini", model: "gemini-2.5-pro", tier: 2 } as const;
    const platformPaid: SimulatedRoute = {
      calls: [
        { ...openai, keySource: "byok" },
        { ...openai, keySource: "server" },
      ],
      result: { kind: "ok", candidate: { ...openai, keySource: "server" }, fallbackReason: "quota_exceeded" },
    };
    const outcomes: Outcomes = { "byok:openai": "quota_exceeded" };
    expect(brokenRules("pro", "byok_only", "analysis", ["openai"], outcomes, undefined, platformPaid).join()).toMatch(
      /the platform never pays/,
    );
    expect(
      brokenRules("pro", "fallback", "analysis", ["openai", "gemini"], outcomes, undefined, platformPaid).join(),
    ).toMatch(/no key of the user's would have done it/);
    const sameRegion: SimulatedRoute = {
      calls: [
        { ...gemini, keySource: "byok" },
        { ...gemini, keySource: "server" },
      ],
      result: { kind: "ok", candidate: { ...gemini, keySource: "server" }, fallbackReason: "region_unsupported" },
    };
    expect(
      brokenRules(
        "pro",
        "fallback",
        "analysis",
        ["gemini"],
        { "byok:gemini": "region_unsupported" },
        undefined,
        sameRegion,
      ).join(),
    ).toMatch(/refused our region/);
  });
});
