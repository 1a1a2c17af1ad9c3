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
 * Starts a recording. With an unlocked vault, the saved keys go to the server once (cacheByokKeys,
 * one header on one request) and only the returned reference travels with the upload.
 */
export function useStartRecording(vault: ByokVault | null) {
  const client = useTRPCClient();

  return useCallback(
    async (file: File, useOwnKeys: boolean, { onPhase, onProgress, signal }: StartOptions): Promise<{ id: string; usedOwnKeys: boolean }> => {
      let byokRef: string | undefined;
      if (useOwnKeys && vault && vault.state() === "unlocked") {
        // One read and one decrypt per saved key: getKeys skips the providers with none.
        const keys = await vault.getKeys(PROVIDERS);
        const providers = PROVIDERS.filter((p) => keys[p] !== undefined);
        if (providers.length > 0) {
          onPhase("caching-keys");
          const entry = await client.user.cacheByokKeys.mutate({ providers }, { context: { byokHeader: encodeByokHeader(keys) } });
          byokRef = entry.ref;
        }
      }
      onPhase("uploading");
      try {
        const created = await uploadRecording(file, { ...(byokRef ? { byokRef } : {}), ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
        return { id: created.id, usedOwnKeys: byokRef !== undefined };
      } catch (error) {
        // The upload never became a job, so nothing will clear the cached keys: do it now.
        if (byokRef) await client.user.clearByokKeys.mutate({ ref: byokRef }).catch(() => undefined);
        throw error;
      }
    },
    [client, vault],
  );
}
