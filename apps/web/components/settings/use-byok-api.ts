"use client";

import { useMemo } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { encodeByokHeader } from "@byok/byok-header";
import type { ByokPolicy, Provider } from "@byok/types";
import { useTRPC, useTRPCClient } from "~/lib/trpc/client";
import { describeCallError } from "~/components/ui/describe-call-error";
import type { TestByokKeyOutput } from "~/components/settings/key-health-view";

/**
 * The BYOK calls of the settings page. Keys travel only in the per-call context that the client's
 * link turns into the X-BYOK-Key header of that one request.
 */
export function useByokApi() {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  return useMemo(
    () => ({
      testKey: (provider: Provider, key: string): Promise<TestByokKeyOutput> =>
        client.user.testByokKey.mutate(
          { provider },
          { context: { byokHeader: encodeByokHeader({ [provider]: key }) } },
        ),
      setPolicy: async (policy: ByokPolicy): Promise<string | null> => {
        try {
          await client.user.setByokPolicy.mutate({ policy });
          await queryClient.invalidateQueries({ queryKey: trpc.user.me.queryKey() });
          return null;
        } catch (error) {
          return describeCallError(error, "The policy could not be saved. Try again.");
        }
      },
      describeError: describeCallError,
    }),
    [client, trpc, queryClient],
  );
}
