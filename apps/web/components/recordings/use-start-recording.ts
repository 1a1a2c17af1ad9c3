"use client";

import { useCallback } from "react";
import { encodeByokHeader } from "@byok/byok-header";
import { PROVIDERS } from "@byok/types";
import type { ByokVault } from "~/lib/crypto/byok-vault";
import { useTRPCClient } from "~/lib/trpc/client";
import { type UploadProgress, uploadRecording } from "~/lib/uploads/upload-recording";

export type StartPhase = "caching-keys" | "uploading";

export interface StartOptions {
  onPhase(phase: StartPhase): void;
  onProgress?(progress: UploadProgress): void;
  signal?: AbortSignal;
}

/**
 * The one way the vault's keys reach the server for a recording (an upload, a retry): with an
 * unlocked vault, the saved keys go once, in the X-BYOK-Key header of `user.cacheByokKeys`, and
 * only the returned reference travels further. Undefined when the vault is not unlocked or holds
 * no keys.
 */
export function useCacheOwnKeys(vault: ByokVault | null) {
  const client = useTRPCClient();
  const cache = useCallback(
    async (onCaching?: () => void): Promise<string | undefined> => {
      if (!vault || vault.state() !== "unlocked") return undefined;
      // One read and one decrypt per saved key: getKeys skips the providers with none.
      const keys = await vault.getKeys(PROVIDERS);
      const providers = PROVIDERS.filter((p) => keys[p] !== undefined);
      if (providers.length === 0) return undefined;
      onCaching?.();
      const entry = await client.user.cacheByokKeys.mutate(
        { providers },
        { context: { byokHeader: encodeByokHeader(keys) } },
      );
      return entry.ref;
    },
    [client, vault],
  );
  // Cached keys that no job will use are cleared at once rather than left to their TTL.
  const release = useCallback(
    async (ref: string) => {
      await client.user.clearByokKeys.mutate({ ref }).catch(() => undefined);
    },
    [client],
  );
  return { cache, release };
}

/** Starts a recording, with the user's keys when asked and the vault allows. */
export function useStartRecording(vault: ByokVault | null) {
  const { cache, release } = useCacheOwnKeys(vault);

  return useCallback(
    async (
      file: File,
      useOwnKeys: boolean,
      { onPhase, onProgress, signal }: StartOptions,
    ): Promise<{ id: string; usedOwnKeys: boolean }> => {
      const byokRef = useOwnKeys ? await cache(() => onPhase("caching-keys")) : undefined;
      onPhase("uploading");
      try {
        const created = await uploadRecording(file, {
          ...(byokRef ? { byokRef } : {}),
          ...(onProgress ? { onProgress } : {}),
          ...(signal ? { signal } : {}),
        });
        return { id: created.id, usedOwnKeys: byokRef !== undefined };
      } catch (error) {
        // The upload never became a job, so nothing will clear the cached keys: do it now.
        if (byokRef) await release(byokRef);
        throw error;
      }
    },
    [cache, release],
  );
}
