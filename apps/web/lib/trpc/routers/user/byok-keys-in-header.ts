import { TRPCError } from "@trpc/server";
import type { Provider } from "@byok/types";

/** The header must hold exactly the providers the call names: no key travels without a purpose. */
export function keysForExactly(
  byok: Partial<Record<Provider, string>>,
  wanted: readonly Provider[],
): Partial<Record<Provider, string>> {
  const present = (Object.keys(byok) as Provider[]).filter((p) => typeof byok[p] === "string").sort();
  const expected = [...new Set(wanted)].sort();
  if (present.length !== expected.length || present.some((p, i) => p !== expected[i])) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `The X-BYOK-Key header must hold exactly the keys for: ${expected.join(", ")} (it holds: ${present.join(", ") || "none"}).`,
    });
  }
  const keys: Partial<Record<Provider, string>> = {};
  for (const p of expected) keys[p] = byok[p];
  return keys;
}
