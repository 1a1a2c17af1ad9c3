"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { VAULT_CODE_UNAVAILABLE } from "~/components/settings/vault-messages";
import type { ByokVault, KeyMetadata, LockReason, VaultState } from "~/lib/crypto/byok-vault";

export type LockCause = LockReason | null;

export interface VaultSnapshot {
  loading: boolean;
  state: VaultState;
  keys: KeyMetadata[];
  lockCause: LockCause;
  persisted: boolean | null;
  loadError: unknown;
}

const INITIAL: VaultSnapshot = {
  loading: true,
  state: "empty",
  keys: [],
  lockCause: null,
  persisted: null,
  loadError: null,
};

// Mirrors the vault's state into React; the vault stays the only source of truth.
export function useVault(userId: string | null): {
  vault: ByokVault | null;
  snapshot: VaultSnapshot;
  refresh: () => Promise<void>;
} {
  const [vault, setVault] = useState<ByokVault | null>(null);
  const [snapshot, setSnapshot] = useState<VaultSnapshot>(INITIAL);
  const lockCause = useRef<LockCause>(null);

  useEffect(() => {
    if (!userId) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a signed-out screen has no vault to mirror.
      setVault(null);
      return;
    }
    let live = true;
    // The vault opens IndexedDB and a BroadcastChannel, which only the browser has, so it starts
    // here and never during server rendering. Its code (Web Crypto, IndexedDB, the key keeper)
    // loads after the page is interactive instead of in the page's first script.
    import("~/components/settings/vault-instance")
      .then(({ getVault }) => {
        if (live) setVault(getVault(userId));
      })
      .catch(() => {
        if (live) setSnapshot({ ...INITIAL, loading: false, loadError: VAULT_CODE_UNAVAILABLE });
      });
    return () => {
      live = false;
    };
  }, [userId]);

  const refresh = useCallback(async () => {
    if (!vault) return;
    let state = vault.state();
    let keys: KeyMetadata[] = [];
    if (state === "unlocked") {
      // The vault can lock (idle, another tab) between the state check and the read.
      keys = await vault.listKeys().catch(() => []);
      state = vault.state();
    }
    if (state === "unlocked") lockCause.current = null;
    setSnapshot({
      loading: false,
      state,
      keys,
      lockCause: lockCause.current,
      persisted: vault.persisted,
      loadError: null,
    });
  }, [vault]);

  useEffect(() => {
    if (!vault) return;
    let live = true;
    const unsubscribe = vault.subscribe((event) => {
      // The auto-lock warning changes nothing this snapshot shows (the warning component listens itself).
      if (event.type === "auto-lock-warning" || event.type === "auto-lock-postponed") return;
      if (event.type === "lock") lockCause.current = event.reason;
      if (!live) return;
      refresh().catch((error: unknown) => {
        if (live) setSnapshot({ ...INITIAL, loading: false, loadError: error });
      });
    });
    vault
      .ready()
      .then(async () => {
        if (live) await refresh();
      })
      .catch((error: unknown) => {
        if (live) setSnapshot({ ...INITIAL, loading: false, loadError: error });
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [vault, refresh]);

  return { vault, snapshot, refresh };
}
