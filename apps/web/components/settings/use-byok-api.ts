"use client";

import { useMemo } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { encodeByokHeader } from "@byok/byok-header";
import type { ByokPolicy, Provider } from "@byok/types";
import { useTRPC, useTRPCClient } from "~/lib/trpc/client";
import type { TestByokKeyOutput } from "./key-test-result";

/** Turns a failed tRPC call into a sentence for people. Server messages are our own fixed texts. */
export function describeCallError(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === "TOO_MANY_REQUESTS") return error.message || "Too many requests. Wait a minute and try again.";
    if (code === "UNAUTHORIZED") return "Your session has ended. Sign in again.";
    if (code === "INTERNAL_SERVER_ERROR") return "The server could not complete this. Try again shortly.";
    return error.message || fallback;
  }
  if (error instanceof TypeError) return "The server could not be reached. Check your connection.";
  return fallback;
}

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
        client.user.testByokKey.mutate({ provider }, { context: { byokHeader: encodeByokHeader({ [provider]: key }) } }),
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
