/**
 * Every behaviour an emulator key can carry. Each provider's module says which of them its real API
 * has (docs/providers.md, "Account states"); a key can be minted only for those.
 */
export const BEHAVIOURS = ["valid", "invalid", "quota", "ratelimit", "error", "slow"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

/** The behaviours every provider has. */
export const COMMON_BEHAVIOURS: readonly Behaviour[] = ["valid", "invalid", "quota", "ratelimit", "error", "slow"];
