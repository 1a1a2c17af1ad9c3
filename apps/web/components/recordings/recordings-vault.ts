"use client";

import { createContext, useContext } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { ByokVault } from "~/lib/crypto/byok-vault";
import type { VaultSnapshot } from "~/components/settings/use-vault";
import type { AppRouter } from "~/lib/trpc/root";

export interface RecordingsVault {
  vault: ByokVault | null;
  snapshot: VaultSnapshot;
  /** Plan and policy; undefined while loading. */
  account: inferRouterOutputs<AppRouter>["user"]["me"] | undefined;
}

/**
 * The vault and account the recordings layout already holds, for the recording page's Retry: one
 * vault instance per screen, so unlocking it for a retry unlocks it for the upload panel too.
 */
export const RecordingsVaultContext = createContext<RecordingsVault | null>(null);

export function useRecordingsVault(): RecordingsVault | null {
  return useContext(RecordingsVaultContext);
}
