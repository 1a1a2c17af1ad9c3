import type { KeySource } from "@byok/types";

export const KEY_SOURCE_TITLES: Record<KeySource, string> = { byok: "Your keys", server: "Platform keys" };

/** Who paid for a recording's results, in the list's and the stage's words. */
export const PAID_BY_TEXT = { byok: "Own key", server: "Platform", mixed: "Own key and platform" } as const;
export type PaidBy = keyof typeof PAID_BY_TEXT;
