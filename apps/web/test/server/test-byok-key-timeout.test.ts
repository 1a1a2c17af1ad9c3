import { afterAll, beforeAll, expect, it } from "vitest";
import { encodeByokHeader } from "@byok/byok-header";
import { PROVIDERS } from "@byok/types";
import { MintedKeys } from "~/test/server/leak-check";
import { dataOf, startServerStack, type ServerStack } from "~/test/server/server-stack";

let stack: ServerStack;
const minted = new MintedKeys();

beforeAll(async () => {
  // The emulator's slow keys answer long after the (shortened) check timeout.
  stack = await startServerStack({ env: { BYOK_CHECK_TIMEOUT_MS: "1000" }, slowMs: 8000 });
});
afterAll(async () => {
  await stack?.close();
});

it("reports timeout for a provider that does not answer in time, for each provider", async () => {
  const { cookie } = await stack.signIn("slow@example.com");
  const results = await Promise.all(
    PROVIDERS.map(async (provider) => {
      const key = minted.mint(provider, "slow", "timeout");
      const res = await stack.mutation("user.testByokKey", {
        cookie,
        input: { provider },
        byokHeader: encodeByokHeader({ [provider]: key }),
      });
      return { provider, res };
    }),
  );
  for (const { provider, res } of results) {
    expect(res.status, provider).toBe(200);
    expect(dataOf(res), provider).toMatchObject({ ok: false, reason: "timeout" });
    expect(minted.foundIn(res.text)).toEqual([]);
  }
  expect(minted.foundIn(stack.logs.join("\n"))).toEqual([]);
});
