/**
 * Every behaviour an emulator key can carry. Each provider's module says which of them its real API
 * has (docs/providers.md, "Account states"); a key can be minted only for those.
 */
export const BEHAVIOURS = [
  "valid",
  "invalid",
  "quota",
  "ratelimit",
  "error",
  "slow",
  /** A spend or usage limit the account set (or its tier enforces) is reached. */
  "usagelimit",
  "spendlimit",
  /** Prepaid credit or the credit balance is exhausted. */
  "nocredit",
  /** The organisation or account is disabled, suspended or restricted. */
  "disabled",
  /** Billing is not set up, or the free tier is not offered where the request comes from. */
  "nobilling",
  /** The provider does not serve the region the request comes from. */
  "region",
  /** A restricted key without permission to list models, but allowed to chat and transcribe. */
  "scoped",
  /** A key restricted to other APIs or addresses: every call is refused. */
  "blocked",
  /** A proxy's HTML page with status 200 in place of every answer. */
  "html",
  /** A JSON 200 without the fields the call promises. */
  "empty",
] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

/** The behaviours every provider has. */
export const COMMON_BEHAVIOURS: readonly Behaviour[] = [
  "valid",
  "invalid",
  "quota",
  "ratelimit",
  "error",
  "slow",
  "html",
  "empty",
];

/** Answers that replace the API with something that is not it; the same for every provider. */
export function foreignAnswer(behaviour: Behaviour): { status: number; contentType: string; body: unknown } | null {
  if (behaviour === "html") {
    return {
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: "<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><h1>Network login</h1><p>Sign in to use this network.</p></body></html>",
    };
  }
  if (behaviour === "empty") return { status: 200, contentType: "application/json", body: {} };
  return null;
}
