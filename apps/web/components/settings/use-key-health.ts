"use client";

import { useCallback, useMemo } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Provider } from "@byok/types";
import { useTRPC } from "~/lib/trpc/client";
import type { KeyHealthView } from "~/components/settings/key-health-view";

/**
 * The user's key health from the server (so it survives reloads and a locked vault), by provider,
 * and the reset that follows a key saved, replaced or deleted in the vault.
 */
export function useKeyHealth() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.user.keyHealth.queryKey();
  const query = useQuery(trpc.user.keyHealth.queryOptions());
  const reset = useMutation(
    trpc.user.resetKeyHealth.mutationOptions({
      // The card must not show the old key's state for the new key, not even while the call runs.
      onMutate: async ({ providers }) => {
        await queryClient.cancelQueries({ queryKey });
        queryClient.setQueryData(queryKey, (old) => old?.filter((h) => !providers.includes(h.provider)));
      },
      onSuccess: (left) => queryClient.setQueryData(queryKey, left),
      onError: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  const byProvider = useMemo(() => {
    const map: Partial<Record<Provider, KeyHealthView>> = {};
    for (const h of query.data ?? []) map[h.provider] = h;
    return map;
  }, [query.data]);

  const { mutateAsync } = reset;
  const resetHealth = useCallback(
    async (providers: Provider[]) => {
      // A failed reset is not the save's failure: the query is refetched instead (onError).
      await mutateAsync({ providers }).catch(() => undefined);
    },
    [mutateAsync],
  );

  /** Fetches the health again now (after a key test) and returns it. */
  const refetchHealth = useCallback(
    () => queryClient.fetchQuery({ ...trpc.user.keyHealth.queryOptions(), staleTime: 0 }),
    [queryClient, trpc],
  );

  return { health: byProvider, loaded: query.isSuccess, resetHealth, refetchHealth };
}
