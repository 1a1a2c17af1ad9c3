"use client";

import { useEffect } from "react";
import type { ByokVault } from "~/lib/crypto/byok-vault";

const THROTTLE_MS = 15_000;

/** User input on the page counts as vault activity (docs/decisions.md, Vault: activity is vault use and user input). */
export function useVaultActivity(vault: ByokVault | null): void {
  useEffect(() => {
    if (!vault) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < THROTTLE_MS) return;
      last = now;
      vault.touch();
    };
    const events = ["keydown", "pointerdown"] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
    };
  }, [vault]);
}
